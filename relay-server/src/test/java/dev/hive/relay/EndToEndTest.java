package dev.hive.relay;

import dev.hive.relay.json.JsonTree;
import dev.hive.relay.store.Room;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Hive devices syncing through the relay as the real app does: A seals events with the
 * workspace key and posts them; B holds the event stream, pulls on each nudge with its own
 * cursor, and opens everything. The relay only ever holds ciphertext.
 */
class EndToEndTest {

    private static final int EVENTS = 100;
    private static final String ROOM = "3f2a9c0e5b7d41e8a6c2f09d1b4e7a53";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A Hive device's crypto: ChaCha20-Poly1305 under the 32-byte workspace key, random nonce, no AAD. */
    private record WorkspaceKey(byte[] key) {

        String seal(String innerJson) throws GeneralSecurityException {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            byte[] ciphertext = cipher.doFinal(innerJson.getBytes(StandardCharsets.UTF_8));
            return "{\"ciphertext\":" + intArray(ciphertext) + ",\"nonce\":" + intArray(nonce) + ",\"version\":0}";
        }

        String open(Map<String, Object> envelope) throws GeneralSecurityException {
            assertEquals(0L, envelope.get("version"));
            byte[] nonce = bytes(envelope.get("nonce"));
            assertEquals(12, nonce.length);
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            return new String(cipher.doFinal(bytes(envelope.get("ciphertext"))), StandardCharsets.UTF_8);
        }

        private static String intArray(byte[] bytes) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < bytes.length; i++) {
                json.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
            }
            return json.append(']').toString();
        }

        private static byte[] bytes(Object jsonArray) {
            List<?> values = (List<?>) jsonArray;
            byte[] bytes = new byte[values.size()];
            for (int i = 0; i < bytes.length; i++) {
                long value = (Long) values.get(i);
                assertTrue(value >= 0 && value <= 255, "a byte array holds 0..255, got " + value);
                bytes[i] = (byte) value;
            }
            return bytes;
        }
    }

    private static String inner(int n) {
        return "{\"id\":\"evt-" + n + "\",\"type\":\"message\",\"text\":\"hello " + n + "\"}";
    }

    @Test
    void deviceBReceivesAndOpensEveryEventDeviceASealed() throws Exception {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        WorkspaceKey workspaceKey = new WorkspaceKey(key);

        try (TestRelay relay = TestRelay.start(); SseStream stream = SseStream.open(relay, ROOM)) {
            assertEquals(200, stream.status());
            stream.awaitContains("data: {\"seq\":0}\n\n", Duration.ofSeconds(10));

            // Device A: one POST per event, in order.
            CompletableFuture<List<Long>> deviceA = CompletableFuture.supplyAsync(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int n = 1; n <= EVENTS; n++) {
                    try {
                        seqs.add(relay.postEnvelope(ROOM, workspaceKey.seal(inner(n)), "X-Hive-Event-Id", "evt-" + n));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return seqs;
            });

            // Device B: on each nudge, pull after its cursor and advance it.
            List<String> opened = new ArrayList<>();
            List<Long> seen = new ArrayList<>();
            long cursor = 0;
            int consumed = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (opened.size() < EVENTS) {
                assertTrue(System.nanoTime() < deadline, () -> "B has only " + seen.size() + " events after 60 s");
                int mark = consumed;
                String text = stream.await(t -> t.length() > mark, Duration.ofSeconds(30), "a nudge");
                List<Long> nudges = SseStream.dataSeqs(text.substring(consumed));
                consumed = text.lastIndexOf("\n\n") + 2;
                if (nudges.isEmpty() || nudges.getLast() <= cursor) {
                    continue;
                }
                Reply page = relay.get(TestRelay.envelopes(ROOM) + "?after=" + cursor);
                assertEquals(200, page.status());
                for (Object row : (List<?>) JsonTree.parse(page.text())) {
                    Map<?, ?> envelope = (Map<?, ?>) row;
                    long seq = (Long) envelope.get("seq");
                    assertTrue(seq > cursor, "rows come after the cursor");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> body = (Map<String, Object>) envelope.get("body");
                    opened.add(workspaceKey.open(body));
                    seen.add(seq);
                    cursor = seq;
                }
            }

            assertEquals(EVENTS, opened.size());
            for (int n = 1; n <= EVENTS; n++) {
                assertEquals(inner(n), opened.get(n - 1), "event " + n + " in order");
                assertEquals(n, seen.get(n - 1));
            }
            assertEquals(seen, deviceA.get(30, TimeUnit.SECONDS), "A's acknowledged seqs are what B saw");

            // The relay holds nothing but ciphertext.
            int storedCount = 0;
            for (Room room : relay.server().rooms().rooms()) {
                Room.Page stored = room.page(0, Integer.MAX_VALUE);
                storedCount += stored.count();
                String bodies = new String(stored.json(), StandardCharsets.UTF_8);
                assertFalse(bodies.contains("hello"), "plaintext text in the relay");
                assertFalse(bodies.contains("evt-"), "plaintext id in the relay");
                assertFalse(bodies.contains("message"), "plaintext type in the relay");
                for (int n = 1; n <= EVENTS; n += 9) {
                    assertFalse(indexOf(stored.json(), inner(n).getBytes(StandardCharsets.UTF_8)) >= 0);
                }
            }
            assertEquals(EVENTS, storedCount);
            assertFalse(relay.log().contains(ROOM), "room ids stay out of the request log");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
