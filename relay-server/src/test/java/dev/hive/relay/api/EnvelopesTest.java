package dev.hive.relay.api;

import dev.hive.relay.Fixtures;
import dev.hive.relay.Reply;
import dev.hive.relay.TestRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.hive.relay.TestRelay.envelopes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST/GET /v1/workspaces/{room}/envelopes}: sequences, cursors, exact bodies, refusals and dedup. */
class EnvelopesTest {

    private static final AtomicInteger ROOMS = new AtomicInteger();
    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    /** A room no other test uses. */
    private static String newRoom() {
        return "room-" + ROOMS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    private static String page(String room, String query) {
        Reply reply = relay.get(envelopes(room) + query);
        assertEquals(200, reply.status(), () -> "GET envelopes" + query + ": " + reply);
        assertEquals("application/json", reply.mediaType());
        return reply.text();
    }

    // --- POST ---

    @Test
    void postAnswers200WithTheSeqAsJson() {
        Reply reply = relay.post(envelopes(newRoom()), "{\"ciphertext\":[1,2,3],\"nonce\":[0,0,0,0,0,0,0,0,0,0,0,1],\"version\":0}");

        assertEquals(200, reply.status());
        assertEquals("application/json", reply.mediaType());
        assertEquals("{\"seq\":1}", reply.text());
    }

    @Test
    void sequencesStartAtOneAndIncreaseIndependentlyPerRoom() {
        String a = newRoom();
        String b = newRoom();

        assertEquals(1, relay.postEnvelope(a, "{\"n\":1}"));
        assertEquals(2, relay.postEnvelope(a, "{\"n\":2}"));
        assertEquals(1, relay.postEnvelope(b, "{\"n\":1}"));
        assertEquals(3, relay.postEnvelope(a, "{\"n\":3}"));
        assertEquals(2, relay.postEnvelope(b, "{\"n\":2}"));

        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{\"n\":2}},{\"seq\":3,\"body\":{\"n\":3}}]",
                page(a, "?after=0"));
        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{\"n\":2}}]", page(b, "?after=0"));
    }

    @Test
    void aMalformedLookingButValidJsonBodyIsAccepted() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"ciphertext\":1}"));
        assertEquals("[{\"seq\":1,\"body\":{\"ciphertext\":1}}]", page(room, "?after=0"));
    }

    @Test
    void theJsonContentTypeIsAcceptedWithParametersOrMissing() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Content-Type", "application/json"));
        assertEquals(2, relay.postEnvelope(room, "{\"n\":2}", "Content-Type", "application/json; charset=utf-8"));
        assertEquals(3, relay.postEnvelope(room, "{\"n\":3}"));
    }

    // --- GET ---

    @Test
    void getReturnsOnlyRowsAfterTheExclusiveCursorInAscendingOrder() {
        String room = newRoom();
        for (int i = 1; i <= 5; i++) {
            relay.postEnvelope(room, "{\"n\":" + i + "}");
        }

        assertEquals("[{\"seq\":3,\"body\":{\"n\":3}},{\"seq\":4,\"body\":{\"n\":4}},{\"seq\":5,\"body\":{\"n\":5}}]",
                page(room, "?after=2"));
        assertEquals("[{\"seq\":5,\"body\":{\"n\":5}}]", page(room, "?after=4"));
        assertEquals("[]", page(room, "?after=5"));
        assertEquals("[]", page(room, "?after=999999"));
    }

    @Test
    void aMissingCursorMeansZero() {
        String room = newRoom();
        relay.postEnvelope(room, "{\"n\":1}");
        relay.postEnvelope(room, "{\"n\":2}");

        assertEquals(page(room, "?after=0"), page(room, ""));
        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{\"n\":2}}]", page(room, ""));
    }

    @Test
    void limitReturnsAtMostThatManyOldestFirst() {
        String room = newRoom();
        for (int i = 1; i <= 5; i++) {
            relay.postEnvelope(room, "{\"n\":" + i + "}");
        }

        assertEquals("[{\"seq\":2,\"body\":{\"n\":2}},{\"seq\":3,\"body\":{\"n\":3}}]", page(room, "?after=1&limit=2"));
        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}}]", page(room, "?limit=1"));
        assertEquals("[]", page(room, "?after=0&limit=0"));
        assertEquals(5, page(room, "?after=0&limit=100").split("\"seq\"").length - 1);
    }

    @Test
    void anUnknownRoomIsAnEmptyArray() {
        assertEquals("[]", page(newRoom(), "?after=0"));
        assertEquals("[]", page(newRoom(), ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"after=-1", "after=abc", "after=1.5", "after=1e3", "after=", "after=+1", "after=0x10",
            "after=99999999999999999999999", "limit=-1", "limit=ten", "limit=2.0", "limit=",
            "limit=99999999999999999999999", "after=1&limit=-5"})
    void aCursorOrLimitThatIsNotANonNegativeIntegerIs400(String query) {
        String room = newRoom();
        relay.postEnvelope(room, "{\"n\":1}");

        Reply reply = relay.get(envelopes(room) + "?" + query);

        assertEquals(400, reply.status(), () -> query + ": " + reply);
    }

    // --- bodies byte for byte ---

    static Stream<String> exactBodies() {
        return Stream.of(
                "  {  \"b\" : 1 ,\n\t\"a\" : [ 1 , 2 ,\r\n 3 ]  }  \n",
                "{\"z\":1,\"a\":2,\"m\":{\"y\":true,\"b\":false}}",
                "{\"html\":\"<script>alert('x') && a<b>c</script>\",\"amp\":\"&amp;&lt;\"}",
                "{\"text\":\"héllo wörld – 🐝 中文 \u00a0\"}",
                "{\"esc\":\"\\u00e9\\n\\t\\r\\b\\f\\\"\\\\\\/ \\ud83d\\udc1d \\u0000\"}",
                "{\"numbers\":[0,-0,1.50,1e10,1E+10,-2.5e-3,12345678901234567890123]}",
                "{\"a\":{\"b\":{\"c\":[[[[]]],{}]}},\"dup\":1,\"dup\":2}",
                "\"just a string\"",
                "42",
                "null",
                "true",
                "[1,\"two\",{\"three\":3}]",
                "{\"ciphertext\":[],\"nonce\":[],\"version\":18446744073709551615}");
    }

    @ParameterizedTest
    @MethodSource("exactBodies")
    void bodiesComeBackByteForByte(String body) {
        String room = newRoom();
        byte[] posted = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(1, TestRelay.seqOf(relay.post(envelopes(room), posted)));

        Reply reply = relay.get(envelopes(room) + "?after=0");

        assertArrayEquals(concat("[{\"seq\":1,\"body\":", posted, "}]"), reply.body(),
                () -> "expected the body verbatim, got " + reply.text());
    }

    @Test
    void theCapturedHiveEnvelopesComeBackByteForByte() throws IOException {
        List<Path> files = Fixtures.hiveEnvelopeFiles();
        List<String> names = files.stream().map(file -> file.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("member_added.json", "workspace_hosts_updated.json")),
                () -> "expected the two captured envelopes, found " + names);
        for (Path file : files) {
            String room = newRoom();
            byte[] posted = Files.readAllBytes(file);

            assertEquals(1, TestRelay.seqOf(relay.post(envelopes(room), posted, "Content-Type", "application/json")),
                    file::toString);
            Reply reply = relay.get(envelopes(room) + "?after=0");

            assertArrayEquals(concat("[{\"seq\":1,\"body\":", posted, "}]"), reply.body(), file::toString);
        }
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = after.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    // --- refusals ---

    static Stream<String> invalidBodiesHex() {
        return Stream.of(
                "",                                   // empty body
                "20200a09",                           // only white space
                hex("{"),                             // truncated
                hex("{\"ciphertext\":[1,2,3"),        // truncated mid-array
                hex("{\"a\":1}}"),                    // trailing bytes
                hex("{} {}"),                         // two values
                hex("{\"a\":1} x"),                   // trailing garbage
                hex("[1,2]\u0000"),                   // trailing NUL
                hex("{\"a\":\"") + "ff" + hex("\"}"), // invalid UTF-8
                hex("{\"a\":\"") + "c0af" + hex("\"}"), // overlong UTF-8
                hex("{\"a\":\"") + "eda080" + hex("\"}"), // UTF-8-encoded surrogate
                hex("{'a':1}"),
                hex("{a:1}"),
                hex("[1,2,]"),
                hex("NaN"),
                hex("{\"a\":01}"),
                hex("{\"a\":\"tab\there\"}"),
                hex("{\"a\":\"\\x41\"}"));
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("invalidBodiesHex")
    void aBodyThatIsNotValidJsonIs400AndNotStored(String bodyHex) {
        String room = newRoom();
        byte[] body = HexFormat.of().parseHex(bodyHex);

        Reply reply = relay.post(envelopes(room), body, "Content-Type", "application/json");

        assertEquals(400, reply.status(), () -> "body " + bodyHex + ": " + reply);
        assertEquals("text/plain", reply.mediaType());
        assertEquals("[]", page(room, "?after=0"));
        // The room still takes valid posts, starting at 1: nothing was used up.
        assertEquals(1, relay.postEnvelope(room, "{\"ok\":1}"));
    }

    @Test
    void aNonJsonContentTypeIs415() {
        String room = newRoom();
        Reply reply = relay.post(envelopes(room), "{\"n\":1}", "Content-Type", "text/plain");

        assertEquals(415, reply.status(), reply::toString);
        assertEquals("[]", page(room, "?after=0"));
    }

    @Test
    void roomIdsAreBoundedTo256Bytes() {
        String longest = "r".repeat(256);
        assertEquals(1, relay.postEnvelope(longest, "{\"n\":1}"));
        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}}]", page(longest, ""));

        assertEquals(400, relay.post(envelopes("r".repeat(257)), "{\"n\":1}").status());
        assertEquals(400, relay.get(envelopes("r".repeat(257))).status());
        // 129 two-byte characters are 258 bytes, though only 129 characters.
        String wide = "%C3%A9".repeat(129);
        assertEquals(400, relay.post(envelopes(wide), "{\"n\":1}").status());
        assertEquals(1, relay.postEnvelope("%C3%A9".repeat(128), "{\"n\":1}"));
    }

    @Test
    void anEmptyRoomIdIs400() {
        assertEquals(400, relay.post("/v1/workspaces//envelopes", "{\"n\":1}").status());
        assertEquals(400, relay.get("/v1/workspaces//envelopes").status());
    }

    @Test
    void roomIdsAreOpaque() {
        for (String room : List.of("0123456789abcdef0123456789abcdef", "dm-alice-bob", "Team%20Room", "caf%C3%A9",
                "a.b_c~d")) {
            assertEquals(1, relay.postEnvelope(room, "{\"room\":1}"), room);
            assertEquals("[{\"seq\":1,\"body\":{\"room\":1}}]", page(room, ""), room);
        }
    }

    // --- dedup ---

    @Test
    void aRepeatedIdempotencyKeyReturnsTheExistingSeqAndAppendsNothing() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "key-1"));
        assertEquals(2, relay.postEnvelope(room, "{\"n\":2}", "Idempotency-Key", "key-2"));

        Reply again = relay.post(envelopes(room), "{\"n\":1}", "Idempotency-Key", "key-1");
        assertEquals(200, again.status());
        assertEquals("application/json", again.mediaType());
        assertEquals("{\"seq\":1}", again.text());

        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{\"n\":2}}]", page(room, ""));
        assertEquals(3, relay.postEnvelope(room, "{\"n\":3}", "Idempotency-Key", "key-3"));
    }

    @Test
    void theIdempotencyKeyIsTrimmed() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "  spaced-key\t"));
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "spaced-key"));
        assertEquals(1, page(room, "").split("\"seq\"").length - 1);
    }

    @Test
    void differentBodiesWithTheSameKeyAreDuplicatesAndTheFirstBodyStays() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"first\":true}", "Idempotency-Key", "same"));
        assertEquals(1, relay.postEnvelope(room, "{\"second\":true}", "Idempotency-Key", "same"));

        assertEquals("[{\"seq\":1,\"body\":{\"first\":true}}]", page(room, ""));
    }

    @Test
    void theHiveEventIdIsTheKeyWhenThereIsNoIdempotencyKey() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "X-Hive-Event-Id", "evt-1"));
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1,\"resent\":true}", "X-Hive-Event-Id", "evt-1"));
        assertEquals(2, relay.postEnvelope(room, "{\"n\":1}", "X-Hive-Event-Id", "evt-2"));

        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{\"n\":1}}]", page(room, ""));
    }

    @Test
    void theIdempotencyKeyTakesPrecedenceOverTheHiveEventId() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "ik-1", "X-Hive-Event-Id", "evt-1"));
        // Same event id, new idempotency key: the idempotency key decides, so this is new.
        assertEquals(2, relay.postEnvelope(room, "{\"n\":2}", "Idempotency-Key", "ik-2", "X-Hive-Event-Id", "evt-1"));
        // Same idempotency key, new event id: a duplicate.
        assertEquals(1, relay.postEnvelope(room, "{\"n\":3}", "Idempotency-Key", "ik-1", "X-Hive-Event-Id", "evt-9"));

        assertEquals(2, page(room, "").split("\"seq\"").length - 1);
    }

    @Test
    void withoutHeadersTheBodyHashIsTheKey() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}"));
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}"));
        // The raw bytes are hashed: the same value spelt differently is another body.
        assertEquals(2, relay.postEnvelope(room, "{ \"n\":1}"));
        assertEquals(3, relay.postEnvelope(room, "{\"n\":2}"));

        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{ \"n\":1}},{\"seq\":3,\"body\":{\"n\":2}}]",
                page(room, ""));
    }

    @Test
    void aBlankIdempotencyKeyFallsBackToTheNextKey() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "   "));
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", " "));
        assertEquals(2, relay.postEnvelope(room, "{\"n\":2}", "Idempotency-Key", "   "));
    }

    @Test
    void theSameBodyUnderDifferentKeysIsAppendedTwice() {
        String room = newRoom();
        assertEquals(1, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "a"));
        assertEquals(2, relay.postEnvelope(room, "{\"n\":1}", "Idempotency-Key", "b"));
    }

    @Test
    void keysArePerRoom() {
        String a = newRoom();
        String b = newRoom();
        assertEquals(1, relay.postEnvelope(a, "{\"n\":1}", "Idempotency-Key", "shared-key"));
        assertEquals(2, relay.postEnvelope(a, "{\"n\":2}"));
        assertEquals(1, relay.postEnvelope(b, "{\"n\":1}", "Idempotency-Key", "shared-key"));
        assertEquals(2, relay.postEnvelope(b, "{\"n\":2}"));

        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}},{\"seq\":2,\"body\":{\"n\":2}}]", page(b, ""));
    }
}
