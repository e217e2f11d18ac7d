package dev.hive.relay.cli;

import dev.hive.relay.admin.AdminSecret;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.SnapshotJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped jar, as operators run it: {@code serve} in one process, the console commands in
 * others, with real exit codes and stdout/stderr. Runs in the integration-test phase, after the
 * jar is built ({@code ./mvnw verify}).
 */
class JarEndToEndIT {

    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findJar() {
        String property = System.getProperty("hive.relay.jar");
        assumeTrue(property != null, "runs in the integration-test phase, against the packaged jar");
        jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar);
    }

    @Test
    void serveThenTheConsoleThenStop() throws Exception {
        Path data = tmp.resolve("data");
        String dir = data.toString();
        Path serveLog = tmp.resolve("serve.err");
        ProcessBuilder serveBuilder = builder(List.of("serve", "--data-dir", dir, "--addr", "127.0.0.1:0",
                "--admin-addr", "127.0.0.1:0"))
                .redirectError(serveLog.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process serve = serveBuilder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(data.resolve(AdminSecret.ADDRESS_FILE))) {
                assertTrue(serve.isAlive(), "serve exited early");
                assertTrue(System.nanoTime() < deadline, "serve did not start in time");
                Thread.sleep(100);
            }

            Run health = run("health", "--data-dir", dir);
            assertEquals(0, health.exit, health.toString());
            assertTrue(health.out.startsWith("HIVE-RELAY OK - 0 workspaces, 0 queued (0 B), 0 streams | "),
                    health.toString());

            Run json = run("status", "--json", "--data-dir", dir);
            assertEquals(0, json.exit, json.toString());
            RelaySnapshot snapshot = SnapshotJson.read(json.out);
            String publicAddress = snapshot.process().listeners().get(0).address();
            assertEquals("", json.err);

            Run added = run("tokens", "add", "--label", "e2e", "--data-dir", dir);
            assertEquals(0, added.exit, added.toString());
            String token = added.out.lines().filter(l -> l.startsWith("hrl_")).findFirst().orElseThrow();
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
                                URI.create("http://" + publicAddress + "/v1/workspaces/e2e/envelopes"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, posted.statusCode());
            }

            Run status = run("status", "--data-dir", dir);
            assertEquals(0, status.exit, status.toString());
            assertTrue(status.out.lines().findFirst().orElseThrow()
                    .matches("hive-relay 0\\.1\\.0 (·|-) OK (·|-) up \\S+ (·|-) gate allowlist \\(1 token\\)"),
                    status.out);
            assertTrue(status.out.lines().anyMatch(l -> l.matches("e2e\\s+0\\s+1\\s+7 B\\s+1\\s+\\S+ ago")),
                    status.out);

            // Another process holds the relay's lock on the data directory; the backup does not need it.
            Path copy = tmp.resolve("copy.db");
            Run backup = run("backup", copy.toString(), "--data-dir", dir);
            assertEquals(0, backup.exit, backup.toString());
            assertTrue(backup.out.startsWith("backed up " + data.resolve("relay.db") + " to " + copy), backup.out);

            Run usage = run("health", "--warn-queue-bytes", "plenty", "--data-dir", dir);
            assertEquals(3, usage.exit, usage.toString());
        } finally {
            serve.destroy();
        }
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        String serveErr = Files.readString(serveLog);
        assertEquals(0, serve.exitValue(), serveErr);
        assertTrue(serveErr.contains("listening on http://127.0.0.1:"), serveErr);
        assertTrue(serveErr.endsWith("stopped\n"), serveErr);

        Run down = run("health", "--data-dir", dir);
        assertEquals(2, down.exit, down.toString());
        assertTrue(down.out.startsWith("HIVE-RELAY CRITICAL - no relay answering on 127.0.0.1:"), down.out);

        Run status = run("status", "--data-dir", dir);
        assertEquals(1, status.exit, status.toString());
        assertEquals("", status.out);
        assertEquals(1, status.err.lines().count(), status.err);

        Run offline = run("tokens", "list", "--data-dir", dir);
        assertEquals(0, offline.exit, offline.toString());
        assertTrue(offline.err.startsWith("relay not running: read "), offline.err);
        assertTrue(offline.out.contains(" e2e "), offline.out);
    }

    private ProcessBuilder builder(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("HIVE_RELAY_"));
        return builder;
    }

    private Run run(String... args) throws Exception {
        Process process = builder(List.of(args)).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", args) + " did not finish");
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                text.complete(bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(unreadable: " + e + ")");
            }
        });
        return text;
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

}
