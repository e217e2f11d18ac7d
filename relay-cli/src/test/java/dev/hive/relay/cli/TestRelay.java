package dev.hive.relay.cli;

import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** A real relay on loopback ephemeral ports over a temporary data directory, and the CLI run against it. */
final class TestRelay implements AutoCloseable {

    private static final PrintStream NO_LOG = new PrintStream(OutputStream.nullOutputStream());

    final Path dataDir;
    final RelayServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestRelay(Path dataDir, RelayServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    static TestRelay start(Path dataDir) {
        return start(dataDir, b -> { });
    }

    static TestRelay start(Path dataDir, Consumer<RelaySettings.Builder> tweak) {
        RelaySettings.Builder builder = RelaySettings.builderForTests(dataDir);
        builder.pushRate = 0;
        tweak.accept(builder);
        RelayServer server = RelayServer.create(builder.build(), new RequestLog(NO_LOG, true)).start();
        return new TestRelay(dataDir, server);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a CLI command in-process against this relay's data directory. */
    Result cli(String... args) {
        String[] withDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDir, 0, args.length);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        return run(withDir);
    }

    /** Runs {@code hive-relay ARGS} in-process. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandTree.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }

    /** What a command printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
