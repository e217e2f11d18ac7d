package dev.hive.relay.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The open-addressing index against a HashMap model, under random adds and removals. */
class DedupIndexTest {

    @Test
    void agreesWithAHashMapUnderRandomAddsAndRemovals() {
        Random random = new Random(42);
        Map<Long, Envelope> bySeq = new HashMap<>();
        DedupIndex index = new DedupIndex(bySeq::get);
        Map<Long, Envelope> model = new HashMap<>();
        List<Envelope> live = new ArrayList<>();
        for (int step = 1; step <= 200_000; step++) {
            if (live.isEmpty() || random.nextInt(100) < 55) {
                // Few distinct values in the 32 bits a slot keeps force long probe runs, wrap-around,
                // and slots whose bits match while the keys differ.
                long low = random.nextInt(64);
                long high = (long) random.nextInt(4) << 32 | (random.nextLong() & 0xFFFF_FFFFL);
                Envelope envelope = new Envelope(step, 0, high, low, null, 0, 0, 0);
                bySeq.put(envelope.seq, envelope);
                index.add(envelope);
                model.put(high ^ low * 31, envelope);
                live.add(envelope);
            } else {
                Envelope gone = live.remove(random.nextInt(live.size()));
                index.remove(gone);
                bySeq.remove(gone.seq);
                model.remove(gone.keyHigh ^ gone.keyLow * 31);
                assertNull(index.find(gone.keyHigh, gone.keyLow));
            }
            if (step % 997 == 0) {
                for (Envelope envelope : live) {
                    assertSame(envelope, index.find(envelope.keyHigh, envelope.keyLow));
                }
                assertNull(index.find(random.nextLong(), random.nextInt(64)), "an unknown key");
            }
        }
        assertEquals(live.size(), index.size());
        assertEquals(model.size(), index.size());
    }

    @Test
    void keysFromTheSameTextAreEqualWhetherHashedFromABodyOrSentAsAHeader() {
        byte[] body = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DedupKey fromBody = DedupKey.of(null, null, body);
        DedupKey fromHeader = DedupKey.of(fromBody.text(), null, new byte[] {'1'});
        DedupKey reloaded = DedupKey.ofText(fromBody.text());
        assertEquals(fromBody, fromHeader);
        assertEquals(fromBody, reloaded);
        assertEquals(DedupKey.of(" evt-1 ", null, body), DedupKey.of(null, "evt-1", new byte[] {'2'}),
                "Idempotency-Key is trimmed and shares its namespace with X-Hive-Event-Id");
    }

    @Test
    void aBodysKeyIsSpelledAsItsSha256InHexAsStoresHoldIt() {
        byte[] body = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String stored = "sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862";
        DedupKey key = DedupKey.of(null, "  ", body);
        assertEquals(stored, key.text(), "a blank header falls back to the body");
        DedupKey reloaded = DedupKey.ofText(stored);
        assertEquals(key.high(), reloaded.high());
        assertEquals(key.low(), reloaded.low());
        assertEquals(stored, reloaded.text());
    }
}
