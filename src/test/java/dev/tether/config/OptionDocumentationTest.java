package dev.tether.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's option table says what the code declares: name, unit, default and meaning. */
class OptionDocumentationTest {

    @Test
    void theReadmeListsEveryOptionWithItsUnitAndDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (Option option : Option.values()) {
            String defaultValue = option.defaultValue() == null ? "(unset)" : option.defaultValue();
            String row = "| `" + option.key() + "` | " + option.unit() + " | " + defaultValue + " | "
                    + option.description() + " |";
            assertTrue(readme.contains(row), "README lacks the row: " + row);
        }
    }
}
