package dev.tether.json;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * JSON-P through one provider, looked up once. The static methods of {@link jakarta.json.Json} look the
 * provider up with a {@link java.util.ServiceLoader} scan on every call, which costs more than the rest of a
 * command's work; every JSON read and built on the per-command path goes through here instead.
 */
public final class CachedJson {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

    private CachedJson() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    /**
     * The one JSON object that {@code text} holds.
     *
     * @throws JsonException if the text is not exactly one JSON object, content after it included
     */
    public static JsonObject readObject(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
            }
            return object;
        } catch (IllegalStateException | NoSuchElementException e) {
            throw new JsonException("not a JSON object", e);
        }
    }
}
