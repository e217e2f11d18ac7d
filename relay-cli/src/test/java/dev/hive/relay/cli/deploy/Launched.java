package dev.hive.relay.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process started the way a service manager would start it: an exact argument list, an
 * environment built from scratch, output to files. Closing it kills whatever is left of it.
 */
final class Launched implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<String> command;

    private Launched(Process process, Path stdout, Path stderr, List<String> command) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.command = command;
    }

    /** Starts {@code command} in {@code dir} with exactly {@code environment}; logs go to {@code logs}. */
    static Launched start(List<String> command, Map<String, String> environment, Path dir, Path logs, String name) {
        try {
            Files.createDirectories(logs);
            Path out = logs.resolve(name + ".out");
            Path err = logs.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            return new Launched(builder.start(), out, err, command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs a command to completion; returns its exit code. */
    static Finished run(List<String> command, Map<String, String> environment, Path dir, Path logs, String name,
                        Duration timeout) {
        try (Launched launched = start(command, environment, dir, logs, name)) {
            if (!launched.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not finish within " + timeout + ": " + command + "\n"
                        + launched.tails());
            }
            return new Finished(launched.process.exitValue(), launched.stdout(), launched.stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Finished(int exitCode, String stdout, String stderr) {
        /**
         * Whether this was {@code hive-relay COMMAND --help} of a command the jar has. (For an unknown
         * command picocli prints the top-level usage and still exits 0, so the usage line decides.)
         */
        boolean isHelpOf(String command) {
            String usage = "Usage: hive-relay " + command;
            return exitCode == 0 && stdout.startsWith(usage) && stdout.length() > usage.length()
                    && Character.isWhitespace(stdout.charAt(usage.length()));
        }

        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
        }
    }

    /** Polls {@code GET /v1/health} on loopback until it answers 200 {@code ok}. */
    void awaitHealthy(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before it was healthy: " + command
                        + "\n" + tails());
            }
            try {
                HttpResponse<String> res = get("http://127.0.0.1:" + port + "/v1/health");
                if (res.statusCode() == 200 && res.body().equals("ok")) {
                    return;
                }
                last = res.statusCode() + " " + res.body();
            } catch (IOException e) {
                last = e.toString();
            }
            sleep(100);
        }
        throw new AssertionError("not healthy on port " + port + " within " + timeout + " (" + last + "): " + command
                + "\n" + tails());
    }

    /** Waits until stderr holds {@code text} (lines printed around the moment the listener opens). */
    String awaitStderr(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stderr never said '" + text + "': " + command + "\n" + tails());
            }
            sleep(50);
        }
        return stderr();
    }

    /** Sends SIGTERM (what systemd, Docker and the PaaS hosts send) and returns the exit code. */
    int terminate(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("did not stop within " + timeout + " of SIGTERM: " + command + "\n" + tails());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; past the timeout it is killed and the wait fails. */
    int terminateAfter(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("did not finish within " + timeout + ": " + command + "\n" + tails());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        return readQuietly(stdout);
    }

    String stderr() {
        return readQuietly(stderr);
    }

    String tails() {
        return "--- stdout\n" + tail(stdout()) + "\n--- stderr\n" + tail(stderr());
    }

    @Override
    public void close() {
        // SIGTERM first: a parent like nginx's master then stops its own workers; whatever is
        // left after a grace period is killed, children first, so nothing outlives the test.
        if (process.isAlive()) {
            process.toHandle().destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static HttpResponse<String> get(String url) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(String text) {
        String[] lines = text.split("\n", -1);
        int from = Math.max(0, lines.length - 40);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
