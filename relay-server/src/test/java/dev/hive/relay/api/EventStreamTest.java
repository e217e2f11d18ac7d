package dev.hive.relay.api;

import dev.hive.relay.SseStream;
import dev.hive.relay.TestRelay;
import dev.hive.relay.config.RelaySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/workspaces/{room}/events}: the nudge stream a device pulls on. */
class EventStreamTest {

    /** The contract's bound for a nudge to follow an append. */
    private static final Duration NUDGE = Duration.ofSeconds(1);
    /** A generous bound for everything the contract does not time. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String CONNECTED = ": connected\n\n";

    private TestRelay relay;

    private TestRelay start(Consumer<RelaySettings.Builder> settings) {
        relay = TestRelay.start(settings);
        return relay;
    }

    private TestRelay start() {
        return start(settings -> {
        });
    }

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private static String frame(long seq) {
        return "data: {\"seq\":" + seq + "}\n\n";
    }

    @Test
    void anEmptyRoomsStreamStartsWithConnectedThenHeadZero() {
        start();
        try (SseStream stream = SseStream.open(relay, "empty")) {
            assertEquals(200, stream.status());
            String text = stream.await(t -> t.length() >= (CONNECTED + frame(0)).length(), PATIENCE, "first frames");
            assertEquals(CONNECTED + frame(0), text);
        }
    }

    @Test
    void theStreamOfARoomWithEnvelopesStartsAtItsHead() {
        start();
        for (int i = 1; i <= 3; i++) {
            relay.postEnvelope("busy", "{\"n\":" + i + "}");
        }
        try (SseStream stream = SseStream.open(relay, "busy")) {
            String text = stream.await(t -> t.length() >= (CONNECTED + frame(3)).length(), PATIENCE, "first frames");
            assertEquals(CONNECTED + frame(3), text);
        }
    }

    @Test
    void theStreamHasTheEventStreamHeaders() {
        start();
        try (SseStream stream = SseStream.open(relay, "headers")) {
            assertEquals(200, stream.status());
            String type = stream.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.equals("text/event-stream") || type.startsWith("text/event-stream;"), type);
            assertEquals(List.of("no-cache"), stream.headers().allValues("Cache-Control"));
            assertEquals(List.of("no"), stream.headers().allValues("X-Accel-Buffering"));
        }
    }

    @Test
    void anAppendIsNudgedWithinASecond() {
        start();
        try (SseStream stream = SseStream.open(relay, "live")) {
            stream.awaitContains(frame(0), PATIENCE);

            assertEquals(1, relay.postEnvelope("live", "{\"n\":1}"));
            stream.awaitContains(frame(1), NUDGE);

            assertEquals(2, relay.postEnvelope("live", "{\"n\":2}"));
            stream.awaitContains(frame(2), NUDGE);

            assertEquals(CONNECTED + frame(0) + frame(1) + frame(2), stream.text());
        }
    }

    @Test
    void nudgesOfABurstEndAtTheNewestSeqAndNeverGoBackwards() {
        start();
        try (SseStream stream = SseStream.open(relay, "burst")) {
            stream.awaitContains(frame(0), PATIENCE);
            for (int i = 1; i <= 20; i++) {
                relay.postEnvelope("burst", "{\"n\":" + i + "}");
            }
            String text = stream.awaitContains(frame(20), PATIENCE);

            List<Long> seqs = SseStream.dataSeqs(text);
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), () -> "nudges must increase: " + seqs);
            }
            assertEquals(20L, seqs.getLast());
        }
    }

    @Test
    void aDeduplicatedAppendSendsNoFrame() throws InterruptedException {
        start();
        try (SseStream stream = SseStream.open(relay, "dedup")) {
            stream.awaitContains(frame(0), PATIENCE);
            relay.postEnvelope("dedup", "{\"n\":1}", "Idempotency-Key", "k");
            stream.awaitContains(frame(1), PATIENCE);
            String before = stream.text();

            assertEquals(1, relay.postEnvelope("dedup", "{\"n\":1}", "Idempotency-Key", "k"));
            assertEquals(1, relay.postEnvelope("dedup", "{\"other\":1}", "Idempotency-Key", "k"));
            Thread.sleep(700);

            assertEquals(SseStream.visible(before), SseStream.visible(stream.text()), "no frame for a duplicate");
            // The stream is alive: the next real append is nudged.
            relay.postEnvelope("dedup", "{\"n\":2}");
            assertEquals(before + frame(2), stream.awaitContains(frame(2), PATIENCE));
        }
    }

    @Test
    void appendsToOtherRoomsAreNotNudged() throws InterruptedException {
        start();
        try (SseStream stream = SseStream.open(relay, "mine")) {
            stream.awaitContains(frame(0), PATIENCE);
            relay.postEnvelope("theirs", "{\"n\":1}");
            Thread.sleep(500);
            assertEquals(SseStream.visible(CONNECTED + frame(0)), SseStream.visible(stream.text()));
        }
    }

    @Test
    void everyStreamOfARoomIsNudged() {
        start();
        try (SseStream first = SseStream.open(relay, "shared"); SseStream second = SseStream.open(relay, "shared")) {
            first.awaitContains(frame(0), PATIENCE);
            second.awaitContains(frame(0), PATIENCE);
            relay.postEnvelope("shared", "{\"n\":1}");
            first.awaitContains(frame(1), NUDGE);
            second.awaitContains(frame(1), NUDGE);
        }
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() {
        start(settings -> settings.sseKeepAlive = Duration.ofMillis(300));
        try (SseStream stream = SseStream.open(relay, "idle")) {
            String text = stream.await(t -> t.split(": keep-alive\n\n", -1).length > 2, PATIENCE,
                    "two keep-alive comments");
            assertTrue(text.startsWith(CONNECTED + frame(0) + ": keep-alive\n\n"), () -> SseStream.visible(text));
            // Keep-alives do not disturb nudges.
            relay.postEnvelope("idle", "{\"n\":1}");
            stream.awaitContains(frame(1), NUDGE);
        }
    }

    @Test
    void theStreamCapAnswers503AndFreesTheSlotWhenAStreamEnds() {
        start(settings -> {
            settings.maxStreams = 1;
            settings.sseKeepAlive = Duration.ofMillis(200);
        });
        SseStream first = SseStream.open(relay, "capped");
        try {
            assertEquals(200, first.status());
            first.awaitContains(frame(0), PATIENCE);
            try (SseStream second = SseStream.open(relay, "another")) {
                assertEquals(503, second.status());
            }
        } finally {
            first.close();
        }
        // The relay notices the departed client at its next keep-alive and frees the slot.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int status;
        do {
            try (SseStream again = SseStream.open(relay, "capped")) {
                status = again.status();
            }
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status, "a slot must be freed once its stream has ended");
    }

    @Test
    void aStreamOutlivesTheReadTimeout() throws InterruptedException {
        start(settings -> settings.readTimeout = Duration.ofMillis(500));
        try (SseStream stream = SseStream.open(relay, "long")) {
            stream.awaitContains(frame(0), PATIENCE);
            Thread.sleep(2_000);
            assertFalse(stream.ended(), "the stream was cut");

            relay.postEnvelope("long", "{\"n\":1}");
            stream.awaitContains(frame(1), NUDGE);
            assertFalse(stream.ended());
        }
    }
}
