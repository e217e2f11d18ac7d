package dev.hive.relay.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code hive-relay serve} in a child JVM, as an operator (or systemd) runs it: killable for real. */
final class ChildRelay implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Path stderr;
    private final int port;

    private final Thread drain;

    private ChildRelay(Process process, Path stderr, int port, Thread drain) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
        this.drain = drain;
    }

    /** Starts {@code serve} on ephemeral loopback ports with the given extra arguments; waits until healthy. */
    static ChildRelay start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        return start(dataDir, List.of(), extraArgs);
    }

    /** Like {@link #start(Path, String...)}, with extra options for the relay's JVM. */
    static ChildRelay start(Path dataDir, List<String> jvmOptions, String... extraArgs)
            throws IOException, InterruptedException {
        Process process = launch(dataDir, jvmOptions, extraArgs);
        Path stderr = dataDir.resolveSibling(dataDir.getFileName() + "-" + process.pid() + ".err");
        Files.writeString(stderr, "");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        var reader = process.errorReader(StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalStateException("relay exited with " + process.waitFor() + ":\n" + seen);
            }
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Files.writeString(stderr, seen);
                return new ChildRelay(process, stderr, Integer.parseInt(matcher.group(1)),
                        drainInBackground(reader, stderr));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("relay did not start within 30 s:\n" + seen);
    }

    /** Runs {@code serve} expecting it to fail; returns exit code and stderr. */
    static Result runToExit(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        Process process = launch(dataDir, List.of(), extraArgs);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not exit within 30 s");
        }
        return new Result(process.exitValue(), new String(process.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    private static Process launch(Path dataDir, List<String> jvmOptions, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                HiveRelay.class.getName(), "serve",
                "--admin-addr", "127.0.0.1:0", "--data-dir", dataDir.toString(), "--log-format", "json"));
        if (!List.of(extraArgs).contains("--addr")) {
            command.addAll(List.of("--addr", "127.0.0.1:0"));
        }
        command.addAll(List.of(extraArgs));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static Thread drainInBackground(java.io.BufferedReader reader, Path file) {
        return Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                try {
                    Files.writeString(file, "[stderr drain ended: " + e + "]\n",
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException ignored) {
                    // nothing more to record
                }
            }
        });
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait; returns the exit code. */
    int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its stderr.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("relay ignored SIGTERM for 30 s");
        }
        drain.join(5_000);
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    static HttpResponse<byte[]> post(HttpClient client, URI uri, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    record Result(int exitCode, String stderr) {
    }
}
