package dev.hive.relay.api;

import dev.hive.relay.RawHttp;
import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import dev.hive.relay.config.RelaySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static dev.hive.relay.TestRelay.envelopes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The body cap (413) and the push rate (429). */
class LimitsTest {

    private static final int CAP = 1024;

    private TestRelay relay;

    private void start(Consumer<RelaySettings.Builder> settings) {
        relay = TestRelay.start(settings);
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    /** A valid JSON object of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(int size) {
        String frame = "{\"p\":\"\"}";
        byte[] body = ("{\"p\":\"" + "x".repeat(size - frame.length()) + "\"}").getBytes(StandardCharsets.US_ASCII);
        assertEquals(size, body.length);
        return body;
    }

    private Reply postChunked(String path, byte[] body) {
        // A body publisher of unknown length makes the client send chunked transfer encoding.
        return relay.send(relay.request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    /** A chunked request written by hand, in chunks of 100 bytes, so the framing is certain. */
    private RawHttp.Response rawChunked(String path, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(RawHttp.head("POST " + path + " HTTP/1.1", List.of("Host: 127.0.0.1",
                "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close"))
                .getBytes(StandardCharsets.US_ASCII));
        for (int at = 0; at < body.length; at += 100) {
            int length = Math.min(100, body.length - at);
            request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(body, at, length);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return RawHttp.exchange(relay.port(), request.toByteArray());
    }

    private static void assertTooLarge(int status, Object what) {
        assertEquals(413, status, () -> String.valueOf(what));
    }

    // --- body cap ---

    @Test
    void aBodyOfExactlyTheCapIsAcceptedAndOneMoreByteIs413() {
        start(settings -> settings.maxBodyBytes = CAP);
        byte[] atCap = jsonOfSize(CAP);

        assertEquals(1, TestRelay.seqOf(relay.post(envelopes("r"), atCap)));
        Reply over = relay.post(envelopes("r"), jsonOfSize(CAP + 1));
        assertTooLarge(over.status(), over);
        assertEquals("text/plain", over.mediaType());

        Reply page = relay.get(envelopes("r"));
        assertEquals(1, page.text().split("\"seq\"").length - 1, "the refused body was not stored");
        assertTrue(page.text().contains(new String(atCap, StandardCharsets.US_ASCII)));
        relay.assertHealthy();
    }

    @Test
    void theCapHoldsForChunkedBodies() throws IOException {
        start(settings -> settings.maxBodyBytes = CAP);

        Reply atCap = postChunked(envelopes("r"), jsonOfSize(CAP));
        assertEquals(200, atCap.status(), atCap::toString);
        Reply over = postChunked(envelopes("r"), jsonOfSize(CAP + 1));
        assertTooLarge(over.status(), over);

        RawHttp.Response rawAtCap = rawChunked(envelopes("raw"), jsonOfSize(CAP));
        assertEquals(200, rawAtCap.status(), rawAtCap::toString);
        assertEquals("{\"seq\":1}", rawAtCap.text());
        RawHttp.Response rawOver = rawChunked(envelopes("raw"), jsonOfSize(CAP + 1));
        assertTrue(rawOver == null || rawOver.status() == 413, () -> "expected 413 or a closed connection, got "
                + rawOver);
        RawHttp.Response rawFarOver = rawChunked(envelopes("raw"), jsonOfSize(CAP * 20));
        assertTrue(rawFarOver == null || rawFarOver.status() == 413, () -> "expected 413, got " + rawFarOver);

        assertEquals(1, relay.get(envelopes("r")).text().split("\"seq\"").length - 1);
        assertEquals(1, relay.get(envelopes("raw")).text().split("\"seq\"").length - 1);
        relay.assertHealthy();
    }

    @Test
    void aDeclaredLengthOverTheCapIs413() throws IOException {
        start(settings -> settings.maxBodyBytes = CAP);
        byte[] body = jsonOfSize(CAP * 2);
        byte[] head = RawHttp.head("POST " + envelopes("r") + " HTTP/1.1", List.of("Host: 127.0.0.1",
                "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close"))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);

        RawHttp.Response response = RawHttp.exchange(relay.port(), request);

        assertTrue(response == null || response.status() == 413, () -> "expected 413, got " + response);
        assertEquals("[]", relay.get(envelopes("r")).text());
        relay.assertHealthy();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keyring", "presence", "candidates"})
    void theCapHoldsForEveryWorkspaceWrite(String resource) {
        start(settings -> settings.maxBodyBytes = CAP);
        String path = "/v1/workspaces/r/" + resource;
        String big = "{\"device_id\":\"d\",\"data\":\"" + "x".repeat(CAP) + "\"}";

        assertTooLarge(relay.post(path, big).status(), path);
        assertEquals(200, relay.post(path, "{\"device_id\":\"d\",\"data\":1}").status());
    }

    @Test
    void theCapHoldsForPairing() {
        start(settings -> settings.maxBodyBytes = CAP);
        assertTooLarge(relay.post("/v1/pair", "{\"payload\":\"" + "x".repeat(CAP) + "\"}").status(), "pair");
    }

    @Test
    void theDefaultCapIsFourMebibytes() {
        start(settings -> {
        });
        assertEquals(200, relay.post(envelopes("r"), jsonOfSize(4 * 1024 * 1024)).status());
        assertTooLarge(relay.post(envelopes("r"), jsonOfSize(4 * 1024 * 1024 + 1)).status(), "4 MiB + 1");
        byte[] stored = relay.get(envelopes("r")).body();
        assertEquals(4 * 1024 * 1024 + "[{\"seq\":1,\"body\":}]".length(), stored.length);
    }

    // --- push rate ---

    @Test
    void postsPastTheBurstAre429WithRetryAfter() {
        start(settings -> {
            settings.pushRate = 1;
            settings.pushBurst = 2;
        });
        assertEquals(1, relay.postEnvelope("r", "{\"n\":1}"));
        assertEquals(2, relay.postEnvelope("r", "{\"n\":2}"));

        Reply limited = relay.post(envelopes("r"), "{\"n\":3}");

        assertEquals(429, limited.status(), limited::toString);
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        assertEquals(2, relay.get(envelopes("r")).text().split("\"seq\"").length - 1, "nothing appended");
    }

    @Test
    void thePushRateLimitsOnlyEnvelopePosts() {
        start(settings -> {
            settings.pushRate = 1;
            settings.pushBurst = 1;
        });
        relay.postEnvelope("r", "{\"n\":1}");
        assertEquals(429, relay.post(envelopes("r"), "{\"n\":2}").status());

        assertEquals(200, relay.get(envelopes("r")).status());
        assertEquals(200, relay.post("/v1/workspaces/r/keyring", "{\"k\":1}").status());
        assertEquals(200, relay.post("/v1/workspaces/r/presence", "{\"device_id\":\"d\",\"data\":1}").status());
        assertEquals(200, relay.post("/v1/pair", "{\"payload\":\"p\"}").status());
        relay.assertHealthy();
    }

    @Test
    void theBucketRefillsAtTheRate() throws InterruptedException {
        start(settings -> {
            settings.pushRate = 2;
            settings.pushBurst = 1;
        });
        relay.postEnvelope("r", "{\"n\":1}");
        assertEquals(429, relay.post(envelopes("r"), "{\"n\":2}").status());
        Thread.sleep(1_500);
        assertEquals(2, relay.postEnvelope("r", "{\"n\":2}"));
    }

    @Test
    void aRateOfZeroIsUnlimited() {
        start(settings -> {
            settings.pushRate = 0;
            settings.pushBurst = 1;
        });
        for (int i = 1; i <= 50; i++) {
            assertEquals(i, relay.postEnvelope("r", "{\"n\":" + i + "}"));
        }
    }

    @Test
    void theRateIsPerClientBehindATrustedProxy() {
        start(settings -> {
            settings.pushRate = 1;
            settings.pushBurst = 1;
            settings.trustedProxies = List.of("127.0.0.1");
        });
        relay.postEnvelope("r", "{\"n\":1}", "X-Forwarded-For", "203.0.113.1");
        assertEquals(429, relay.post(envelopes("r"), "{\"n\":2}", "X-Forwarded-For", "203.0.113.1").status());
        assertEquals(2, relay.postEnvelope("r", "{\"n\":2}", "X-Forwarded-For", "203.0.113.2"));
    }

    @Test
    void exactBodiesSurviveTheCapBoundary() {
        start(settings -> settings.maxBodyBytes = CAP);
        byte[] atCap = jsonOfSize(CAP);
        relay.post(envelopes("exact"), atCap);
        byte[] page = relay.get(envelopes("exact")).body();
        byte[] expected = ("[{\"seq\":1,\"body\":" + new String(atCap, StandardCharsets.US_ASCII) + "}]")
                .getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, page);
    }
}
