package dev.hive.relay.api;

import dev.hive.relay.TestRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.hive.relay.TestRelay.envelopes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-room cap keeps the newest envelopes, never rewinds the counter and forgets pruned keys. */
class RetentionTest {

    private TestRelay relay;

    @BeforeEach
    void startRelay() {
        relay = TestRelay.start(settings -> settings.maxEnvelopesPerRoom = 5);
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    @Test
    void theNewestEnvelopesAreKept() {
        for (int i = 1; i <= 8; i++) {
            assertEquals(i, relay.postEnvelope("r", "{\"n\":" + i + "}"));
        }

        assertEquals("[{\"seq\":4,\"body\":{\"n\":4}},{\"seq\":5,\"body\":{\"n\":5}},{\"seq\":6,\"body\":{\"n\":6}},"
                + "{\"seq\":7,\"body\":{\"n\":7}},{\"seq\":8,\"body\":{\"n\":8}}]", relay.get(envelopes("r")).text());
        assertEquals("[{\"seq\":7,\"body\":{\"n\":7}},{\"seq\":8,\"body\":{\"n\":8}}]",
                relay.get(envelopes("r") + "?after=6").text());
        // A cursor older than the oldest kept row gets what is left, from the oldest kept on.
        assertEquals("[{\"seq\":4,\"body\":{\"n\":4}}]", relay.get(envelopes("r") + "?after=1&limit=1").text());
    }

    @Test
    void sequencesNeverRewindAfterPruning() {
        for (int i = 1; i <= 12; i++) {
            relay.postEnvelope("r", "{\"n\":" + i + "}");
        }
        assertEquals(13, relay.postEnvelope("r", "{\"n\":13}"));
        assertEquals("[{\"seq\":13,\"body\":{\"n\":13}}]", relay.get(envelopes("r") + "?after=12").text());
        assertEquals(5, relay.get(envelopes("r")).text().split("\"seq\"").length - 1);
    }

    @Test
    void theKeyOfAPrunedEnvelopeIsForgotten() {
        assertEquals(1, relay.postEnvelope("r", "{\"n\":1}", "Idempotency-Key", "old"));
        assertEquals(2, relay.postEnvelope("r", "{\"n\":2}", "Idempotency-Key", "kept"));
        for (int i = 3; i <= 6; i++) {
            relay.postEnvelope("r", "{\"n\":" + i + "}");
        }
        // seq 1 is pruned now (the room holds 2..6); its key is forgotten, seq 2's is not.
        assertEquals(2, relay.postEnvelope("r", "{\"n\":2}", "Idempotency-Key", "kept"));
        assertEquals(7, relay.postEnvelope("r", "{\"n\":1}", "Idempotency-Key", "old"));

        assertEquals("[{\"seq\":7,\"body\":{\"n\":1}}]", relay.get(envelopes("r") + "?after=6").text());
    }

    @Test
    void theBodyHashKeyOfAPrunedEnvelopeIsForgottenToo() {
        assertEquals(1, relay.postEnvelope("r", "{\"n\":1}"));
        for (int i = 2; i <= 6; i++) {
            relay.postEnvelope("r", "{\"n\":" + i + "}");
        }
        assertEquals(6, relay.postEnvelope("r", "{\"n\":6}"));
        assertEquals(7, relay.postEnvelope("r", "{\"n\":1}"));
    }

    @Test
    void retentionIsPerRoom() {
        for (int i = 1; i <= 7; i++) {
            relay.postEnvelope("busy", "{\"n\":" + i + "}");
        }
        relay.postEnvelope("quiet", "{\"n\":1}");

        assertEquals("[{\"seq\":1,\"body\":{\"n\":1}}]", relay.get(envelopes("quiet")).text());
    }
}
