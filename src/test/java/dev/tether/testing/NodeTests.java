package dev.tether.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs JavaScript tests ({@code node --test}) from {@code src/test/js} against a deployed server, so that the
 * real centrifuge-js client and a real browser are tested inside {@code mvn verify}. The Node packages are
 * installed by the build ({@code npm ci} in generate-test-resources). Output goes to the build log and to
 * {@code target/js-NAME.log}.
 */
public final class NodeTests {

    private static final Path DIRECTORY = Path.of("src", "test", "js");

    private NodeTests() {
    }

    /**
     * Runs the test files and fails unless every test passed.
     *
     * @param name    names the log file
     * @param env     environment for the tests, e.g. {@code BASE_URL}
     * @param timeout after which the run is killed and fails
     * @param files   test files, relative to {@code src/test/js}
     */
    public static void assertPass(String name, Map<String, String> env, Duration timeout, String... files)
            throws IOException, InterruptedException {
        assertTrue(Files.isDirectory(DIRECTORY.resolve("node_modules")),
                "src/test/js/node_modules is missing: run the tests through mvn verify, which runs npm ci");
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
        command.addAll(List.of(files));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);

        Process process = builder.start();
        Path log = Path.of("target", "js-" + name + ".log");
        Thread copier = new Thread(() -> copyOutput(process, log), "node-output-" + name);
        copier.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(finished, "node tests " + name + " did not finish within " + timeout + "; see " + log);
        assertEquals(0, process.exitValue(), "node tests " + name + " failed; see " + log);
    }

    private static void copyOutput(Process process, Path log) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                System.out.println("[node] " + line);
                file.println(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading node's output failed", e);
        }
    }
}
