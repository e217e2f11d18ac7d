package dev.hive.relay.store;

import java.util.concurrent.CompletableFuture;

/**
 * One stored envelope: the body exactly as posted, its sequence, and its dedup key kept
 * as 128 bits of the key's SHA-256 (a string per envelope would cost more than a typical
 * body's worth of overhead).
 */
public final class Envelope {

    final long seq;
    final long receivedAtMillis;
    final long keyHigh;
    final long keyLow;
    final byte[] body;
    /** Set until the journal has the envelope; readers never see an envelope that is not durable. */
    CompletableFuture<Void> pending;

    Envelope(long seq, long receivedAtMillis, long keyHigh, long keyLow, byte[] body) {
        this.seq = seq;
        this.receivedAtMillis = receivedAtMillis;
        this.keyHigh = keyHigh;
        this.keyLow = keyLow;
        this.body = body;
    }

    public long seq() {
        return seq;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    /** The body as received; callers must not modify it. */
    public byte[] body() {
        return body;
    }

    boolean isDurable() {
        return pending == null;
    }

    /**
     * Heap bytes one envelope costs beyond its body bytes: the object (56), the body array
     * header (16), its ring slot (4) and its dedup-index slots at half load (8).
     */
    static final int OVERHEAD_BYTES = 56 + 16 + 4 + 8;
}
