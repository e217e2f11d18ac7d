package dev.hive.relay.api;

import dev.hive.relay.RawHttp;
import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import dev.hive.relay.store.Room;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.hive.relay.TestRelay.envelopes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile or broken requests: each one gets a 4xx or a closed connection, never a 500, and
 * the relay goes on serving everyone else meanwhile.
 */
class BadInputTest {

    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    private static RawHttp.Response exchange(String request) throws IOException {
        return RawHttp.exchange(relay.port(), request);
    }

    private static String request(String requestLine, String... headers) {
        return RawHttp.head(requestLine, Stream.concat(Stream.of("Host: 127.0.0.1"),
                Stream.concat(Stream.of(headers), Stream.of("Connection: close"))).toList());
    }

    /** A 4xx answer or a connection closed without one; anything else fails. */
    private static void assertRefusedOrClosed(RawHttp.Response response, String what) {
        assertTrue(response == null || response.status() >= 400 && response.status() < 500,
                () -> what + ": expected a 4xx or a closed connection, got " + response);
        relay.assertHealthy();
    }

    private static void assertRefused(RawHttp.Response response, String what) {
        assertTrue(response != null && response.status() >= 400 && response.status() < 500,
                () -> what + ": expected a 4xx, got " + response);
        relay.assertHealthy();
    }

    // --- bodies ---

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"ciphertext\":[1,2,3", "{\"ciphertext\":[1,2,3],\"nonce\":", "[", "\"unterminated",
            "{\"a\":tru}", "{\"a\" 1}", "{,}", "}", "{\"a\":1,}", "nul", "-", "1.", "\"\\u12\""})
    void malformedOrTruncatedJsonIs400(String body) {
        Reply reply = relay.post(envelopes("bad-json"), body, "Content-Type", "application/json");
        assertEquals(400, reply.status(), () -> body + ": " + reply);
        assertEquals("[]", relay.get(envelopes("bad-json")).text());
        relay.assertHealthy();
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthIsRefused() throws IOException {
        try (RawHttp http = RawHttp.connect(relay.port())) {
            http.write(request("POST " + envelopes("short") + " HTTP/1.1", "Content-Type: application/json",
                    "Content-Length: 100") + "{\"ciphertext\":[1,");
            http.shutdownOutput();
            assertRefusedOrClosed(http.readResponse(), "truncated body");
        }
        assertEquals("[]", relay.get(envelopes("short")).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n{}\r\n0\r\n\r\n", "-2\r\n{}\r\n0\r\n\r\n", "ffffffffffff\r\n{}\r\n0\r\n\r\n",
            "\r\n{}\r\n0\r\n\r\n", "2\r\n{}"})
    void aMalformedChunkedBodyIsRefused(String chunks) throws IOException {
        try (RawHttp http = RawHttp.connect(relay.port())) {
            http.write(request("POST " + envelopes("chunks") + " HTTP/1.1", "Content-Type: application/json",
                    "Transfer-Encoding: chunked") + chunks);
            http.shutdownOutput();
            assertRefusedOrClosed(http.readResponse(), "chunks " + chunks.replace("\r\n", "\\r\\n"));
        }
        assertEquals("[]", relay.get(envelopes("chunks")).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"envelopes", "keyring", "presence", "candidates"})
    void aNonJsonContentTypeIs415(String resource) {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream")) {
            Reply reply = relay.post("/v1/workspaces/typed/" + resource, "{\"device_id\":\"d\",\"data\":1}",
                    "Content-Type", type);
            assertEquals(415, reply.status(), () -> resource + " as " + type + ": " + reply);
        }
        assertEquals(415, relay.post("/v1/pair", "{\"payload\":\"p\"}", "Content-Type", "text/plain").status());
        relay.assertHealthy();
    }

    @Test
    void contradictoryOrInvalidLengthsAreRefused() throws IOException {
        String post = "POST " + envelopes("lengths") + " HTTP/1.1";
        assertRefusedOrClosed(exchange(request(post, "Content-Length: abc") + "{}"), "non-numeric length");
        assertRefusedOrClosed(exchange(request(post, "Content-Length: -5") + "{}"), "negative length");
        assertRefusedOrClosed(exchange(request(post, "Content-Length: 2", "Content-Length: 3") + "{} "), "two lengths");
        assertRefusedOrClosed(exchange(request(post, "Content-Length: 2", "Transfer-Encoding: chunked")
                + "2\r\n{}\r\n0\r\n\r\n"), "length and chunked");
        assertRefusedOrClosed(exchange(request(post, "Content-Length: 99999999999999999999") + "{}"), "huge length");
        assertEquals("[]", relay.get(envelopes("lengths")).text());
    }

    @Test
    void aTenMegabyteBodyIs413WhileOthersAreServed() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        for (boolean chunked : List.of(false, true)) {
            try (RawHttp http = RawHttp.connect(relay.port())) {
                CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                    try {
                        http.write(request("POST " + envelopes("huge") + " HTTP/1.1", "Content-Type: application/json",
                                chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length));
                        if (chunked) {
                            for (int at = 0; at < body.length; at += 65536) {
                                http.write((Integer.toHexString(65536) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                                http.write(Arrays.copyOfRange(body, at, at + 65536));
                                http.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                            http.write("0\r\n\r\n");
                        } else {
                            http.write(body);
                        }
                    } catch (IOException e) {
                        // The relay stopped reading and closed: an acceptable refusal.
                    }
                });
                relay.assertHealthy();
                RawHttp.Response response = http.readResponse();
                assertTrue(response == null || response.status() == 413,
                        () -> (chunked ? "chunked" : "sized") + ": expected 413, got " + response);
                http.close();
                upload.get(20, TimeUnit.SECONDS);
            }
            relay.assertHealthy();
        }
        assertEquals("[]", relay.get(envelopes("huge")).text());
    }

    // --- request line, path and headers ---

    @ParameterizedTest
    @ValueSource(strings = {"GARBAGE", "GET", "GET /v1/health", "GET /v1/health HTTP/9.9", "GET  /v1/health  HTTP/1.1",
            "\u0001\u0002\u0003 \u00ff\u00fe", "GET /v1/health HTTP/1.1 extra", "G\u00c9T /v1/health HTTP/1.1",
            "PRI * HTTP/2.0\r\n\r\nSM", "GET http://[::1 HTTP/1.1", "GET /v1/he\u0000alth HTTP/1.1",
            "GET /v1/health\tHTTP/1.1"})
    void aGarbageRequestLineIsRefusedOrClosed(String requestLine) throws IOException {
        assertRefusedOrClosed(exchange(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                "request line " + requestLine);
    }

    @Test
    void binaryJunkIsRefusedOrClosed() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        assertRefusedOrClosed(RawHttp.exchange(relay.port(), junk), "random bytes");
    }

    @Test
    void oversizedHeadersAreRefusedOrClosed() throws IOException {
        assertRefusedOrClosed(exchange(request("GET /v1/health HTTP/1.1", "X-Big: " + "a".repeat(64 * 1024))),
                "a 64 KB header");
        assertRefusedOrClosed(exchange(request("GET /v1/health HTTP/1.1",
                IntStream.range(0, 5000).mapToObj(i -> "X-Header-" + i + ": value").toArray(String[]::new))),
                "5000 headers");
        assertRefusedOrClosed(exchange(request("GET /v1/workspaces/r/envelopes HTTP/1.1",
                "Authorization: Bearer " + "t".repeat(100 * 1024))), "a 100 KB token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Header: x", ": empty-name", "X-Folded: a\r\n folded", "X-Nul: a\u0000b", "NoColon"})
    void malformedHeadersAreRefusedOrClosed(String header) throws IOException {
        RawHttp.Response response = exchange(request("GET /v1/workspaces/r/envelopes HTTP/1.1", header));
        assertTrue(response == null || response.status() < 500, () -> header + ": " + response);
        relay.assertHealthy();
    }

    @Test
    void aTenKilobyteRoomIdIs4xx() throws IOException {
        String room = "r".repeat(10 * 1024);
        assertRefused(exchange(request("GET " + envelopes(room) + " HTTP/1.1")), "10 kB room id (GET)");
        assertRefused(exchange(request("POST " + envelopes(room) + " HTTP/1.1", "Content-Length: 2") + "{}"),
                "10 kB room id (POST)");
        Reply reply = relay.get(envelopes("r".repeat(3000)));
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply::toString);
        assertTrue(relay.server().rooms().rooms().stream().noneMatch(r -> r.id().length() > 256));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/v1/workspaces/..%2f..%2fetc%2fpasswd/envelopes",
            "/v1/workspaces/..%2F..%2F..%2Fetc%2Fpasswd/envelopes",
            "/v1/workspaces/..%2f/envelopes",
            "/v1/workspaces/%2e%2e%2f%2e%2e%2fetc%2fpasswd/envelopes",
            "/v1/workspaces/a%2fb/envelopes",
            "/v1/workspaces/../../etc/passwd",
            "/v1/workspaces/../../../../etc/passwd/envelopes",
            "/../../../../etc/passwd",
            "/v1/../../etc/passwd",
            "/v1/workspaces/%2e%2e/%2e%2e/etc/passwd",
            "/v1/workspaces/..;/envelopes",
            "/v1/pair/..%2f..%2fetc%2fpasswd",
            "/v1/workspaces/%ff%fe/envelopes",
            "/v1/workspaces/a%zz/envelopes",
            "/v1/workspaces/%c0%ae%c0%ae%c0%af/envelopes"})
    void pathTricksAreRefusedAndReadNothingOutside(String path) throws IOException {
        for (String method : List.of("GET", "POST")) {
            RawHttp.Response response = exchange(request(method + " " + path + " HTTP/1.1",
                    "Content-Type: application/json", "Content-Length: 2") + "{}");
            assertRefusedOrClosed(response, method + " " + path);
            assertFalse(response != null && response.text().contains("root:"), path);
        }
        assertTrue(relay.server().rooms().rooms().stream().map(Room::id).noneMatch(id -> id.contains("/")),
                "no room id holds a slash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/workspaces/%2e%2e/envelopes", "/v1/workspaces/.../envelopes",
            "/v1/workspaces/%252e%252e%252f/envelopes", "/v1/workspaces/..%5c..%5cetc%5cpasswd/envelopes"})
    void dotRoomIdsAreJustOpaqueNames(String path) throws IOException {
        // The contract makes room ids opaque strings; one spelt with dots names a room like any other.
        RawHttp.Response response = exchange(request("GET " + path + " HTTP/1.1"));
        assertTrue(response == null || response.status() < 500, () -> path + ": " + response);
        assertTrue(response == null || response.status() >= 400 || response.text().equals("[]"), path);
        relay.assertHealthy();
    }

    @Test
    void roomIdsThatAreNotUtf8AreRefusedRatherThanMerged() throws IOException {
        // %FF and %FE are different ids; decoded leniently, both would become U+FFFD and share a room.
        for (String room : List.of("%ff%fe", "%fe%ff", "%e2%82", "%c0%ae%c0%ae")) {
            RawHttp.Response response = exchange(request("POST " + envelopes(room) + " HTTP/1.1",
                    "Content-Type: application/json", "Content-Length: 2") + "{}");
            assertRefused(response, room);
            assertEquals(400, response.status(), room);
        }
        assertTrue(relay.server().rooms().rooms().stream().map(Room::id).noneMatch(id -> id.indexOf('\uFFFD') >= 0));
        // Well-formed UTF-8 is fine.
        assertEquals(1, relay.postEnvelope("%C3%A9t%C3%A9", "{}"));
    }

    @Test
    void unsupportedMethodsAre4xx() throws IOException {
        for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "CONNECT", "BREW")) {
            assertRefusedOrClosed(exchange(request(method + " " + envelopes("m") + " HTTP/1.1", "Content-Length: 2")
                    + "{}"), method);
        }
    }

    // --- slow clients ---

    @Test
    void aClientDribblingItsHeadersIsCutOffWhileOthersAreServed() throws Exception {
        try (TestRelay strict = TestRelay.start(settings -> settings.readTimeout = Duration.ofMillis(300))) {
            byte[] head = request("GET /v1/health HTTP/1.1").getBytes(StandardCharsets.US_ASCII);
            try (Socket slow = new Socket()) {
                slow.connect(new InetSocketAddress("127.0.0.1", strict.port()), 5_000);
                OutputStream out = slow.getOutputStream();
                CompletableFuture<Boolean> dribble = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (byte b : head) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(500);
                        }
                        return false; // the whole request went through: not cut off
                    } catch (IOException e) {
                        return true; // the relay closed the connection
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
                // Others are served normally meanwhile.
                for (int i = 0; i < 5; i++) {
                    strict.assertHealthy();
                    assertEquals(i + 1, strict.postEnvelope("busy", "{\"n\":" + i + "}"));
                    Thread.sleep(200);
                }
                RawHttp.Response answer = readQuietly(slow, Duration.ofSeconds(5));
                assertTrue(answer == null || answer.status() >= 400 && answer.status() < 500,
                        () -> "expected a closed connection or a 4xx, got " + answer);
                slow.close();
                assertTrue(dribble.get(30, TimeUnit.SECONDS) || answer != null,
                        "the relay must not wait for a client dribbling bytes slower than the read timeout");
            }
            strict.assertHealthy();
        }
    }

    @Test
    void aClientStallingInItsBodyIsCutOff() throws Exception {
        try (TestRelay strict = TestRelay.start(settings -> settings.readTimeout = Duration.ofMillis(300));
             RawHttp http = RawHttp.connect(strict.port(), Duration.ofSeconds(10))) {
            http.write(request("POST " + envelopes("stall") + " HTTP/1.1", "Content-Type: application/json",
                    "Content-Length: 50") + "{\"ciphertext\":");
            strict.assertHealthy();
            RawHttp.Response response = http.readResponse();
            assertTrue(response == null || response.status() >= 400 && response.status() < 500,
                    () -> "expected a closed connection or a 4xx, got " + response);
            assertTrue(response != null || http.awaitClosed(Duration.ofSeconds(5)));
            assertEquals("[]", strict.get(envelopes("stall")).text());
            strict.assertHealthy();
        }
    }

    /** Reads a response from the socket: null when it is closed or reset without one. */
    private static RawHttp.Response readQuietly(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = in.readNBytes(12);
            if (buffer.length < 12) {
                return null;
            }
            String status = new String(buffer, StandardCharsets.ISO_8859_1);
            return new RawHttp.Response(Integer.parseInt(status.substring(9, 12)), Map.of(), new byte[0]);
        } catch (SocketException e) {
            return null;
        }
    }
}
