package dev.hive.relay;

import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real relay on a loopback ephemeral port, with an HTTP/1.1 client of its own, for tests
 * that speak to it over the wire exactly as Hive devices do.
 */
public final class TestRelay implements AutoCloseable {

    /** Every request gives up after this long, so a hung server fails a test instead of the build. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern SEQ = Pattern.compile("\\{\"seq\":(\\d+)}");

    private final RelayServer server;
    private final Path dataDir;
    private final ByteArrayOutputStream log;
    private final HttpClient client;

    private TestRelay(RelayServer server, Path dataDir, ByteArrayOutputStream log) {
        this.server = server;
        this.dataDir = dataDir;
        this.log = log;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A relay with the test defaults (loopback, port 0, memory store, open gate). */
    public static TestRelay start() {
        return start(settings -> {
        });
    }

    /** A relay with the test defaults changed by {@code customize}. */
    public static TestRelay start(Consumer<RelaySettings.Builder> customize) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("hive-relay-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelaySettings.Builder settings = RelaySettings.builderForTests(dataDir);
        customize.accept(settings);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RelayServer server = RelayServer.create(settings.build(),
                new RequestLog(new PrintStream(log, true, StandardCharsets.UTF_8), true));
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new TestRelay(server, dataDir, log);
    }

    public RelayServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The absolute URL of a path (which may carry a query), taken verbatim. */
    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** The request log written so far. */
    public String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    public HttpClient client() {
        return client;
    }

    /** A request builder for the path with the given header name/value pairs already set. */
    public HttpRequest.Builder request(String pathAndQuery, String... headerPairs) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url(pathAndQuery)).timeout(REQUEST_TIMEOUT);
        if (headerPairs.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs");
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            builder.header(headerPairs[i], headerPairs[i + 1]);
        }
        return builder;
    }

    public Reply get(String pathAndQuery, String... headerPairs) {
        return send(request(pathAndQuery, headerPairs).GET());
    }

    public Reply post(String pathAndQuery, byte[] body, String... headerPairs) {
        return send(request(pathAndQuery, headerPairs).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply post(String pathAndQuery, String body, String... headerPairs) {
        return post(pathAndQuery, body.getBytes(StandardCharsets.UTF_8), headerPairs);
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts an envelope that must be accepted, and returns its sequence. */
    public long postEnvelope(String room, String body, String... headerPairs) {
        Reply reply = post(envelopes(room), body, headerPairs);
        assertEquals(200, reply.status(), () -> "POST envelope: " + reply);
        return seqOf(reply);
    }

    /** The sequence in a {@code {"seq":N}} answer, which must be exactly that. */
    public static long seqOf(Reply reply) {
        Matcher matcher = SEQ.matcher(reply.text());
        if (!matcher.matches()) {
            throw new AssertionError("expected exactly {\"seq\":N}, got " + reply);
        }
        return Long.parseLong(matcher.group(1));
    }

    public static String envelopes(String room) {
        return "/v1/workspaces/" + room + "/envelopes";
    }

    /** Asserts that the relay still answers its health check. */
    public void assertHealthy() {
        Reply health = get("/v1/health");
        assertEquals(200, health.status(), () -> "health: " + health);
        assertEquals("ok", health.text());
    }

    @Override
    public void close() {
        try {
            client.shutdownNow();
        } finally {
            server.close();
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
