package dev.hive.relay.store;

import java.util.concurrent.CompletableFuture;

/**
 * One stored envelope: its sequence, its dedup key kept as 128 bits of the key's SHA-256 (a
 * string per envelope would cost more than a typical body's worth of overhead), and where its
 * body lies, packed ({@link PackedJson}), in the room's {@link BodyLog}. Read only under the
 * room's lock: once the envelope is evicted, its chunk may go back to the pool and be
 * overwritten by another room.
 */
final class Envelope {

    /**
     * Heap bytes one envelope costs beyond its body bytes: the object (64), its ring slot (4)
     * and its dedup-index slots at half load (2 × 12).
     */
    static final int OVERHEAD_BYTES = 64 + 4 + 24;

    final long seq;
    final long receivedAtMillis;
    final long keyHigh;
    final long keyLow;
    final BodyChunk chunk;
    final int offset;
    /** The body's JSON bytes, as posted and served. */
    final int length;
    /** The bytes its packed form takes in the chunk. */
    final int storedLength;
    /** Set until the journal has the envelope; readers never see an envelope that is not durable. */
    CompletableFuture<Void> pending;

    Envelope(long seq, long receivedAtMillis, long keyHigh, long keyLow, BodyChunk chunk, int offset, int length,
             int storedLength) {
        this.seq = seq;
        this.receivedAtMillis = receivedAtMillis;
        this.keyHigh = keyHigh;
        this.keyLow = keyLow;
        this.chunk = chunk;
        this.offset = offset;
        this.length = length;
        this.storedLength = storedLength;
    }

    /** Stores {@code body} in {@code bodies} and describes it. */
    static Envelope store(BodyLog bodies, long seq, long receivedAtMillis, DedupKey key, PackedJson body) {
        BodyChunk chunk = bodies.chunkFor(body.length());
        int offset = chunk.append(body);
        return new Envelope(seq, receivedAtMillis, key.high(), key.low(), chunk, offset, body.jsonLength(),
                body.length());
    }

    /** Writes the body's JSON into {@code out[at, at + length)}. */
    void writeBodyTo(byte[] out, int at) {
        int end = chunk.unpackTo(offset, storedLength, out, at);
        if (end != at + length) {
            throw new IllegalStateException(
                    "envelope " + seq + " unpacked to " + (end - at) + " bytes, not " + length);
        }
    }

    boolean isDurable() {
        return pending == null;
    }
}
