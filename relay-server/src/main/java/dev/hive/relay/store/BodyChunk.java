package dev.hive.relay.store;

import java.nio.ByteBuffer;

/**
 * A direct buffer (memory outside the Java heap) holding envelope bodies back to back, and how
 * many of them are still queued. Not thread-safe; the owning room guards it.
 */
final class BodyChunk {

    private final ByteBuffer memory;
    private int used;
    private int live;

    BodyChunk(ByteBuffer memory) {
        this.memory = memory;
    }

    int capacity() {
        return memory.capacity();
    }

    boolean fits(int length) {
        return memory.capacity() - used >= length;
    }

    /** Copies {@code body} in after the last body; returns its offset. */
    int append(PackedJson body) {
        int offset = used;
        body.copyTo(memory, offset);
        used += body.length();
        live++;
        return offset;
    }

    /**
     * Writes the JSON text of the packed body at {@code [offset, offset + length)} into
     * {@code out} from {@code at}; returns the index after it.
     */
    int unpackTo(int offset, int length, byte[] out, int at) {
        return PackedJson.unpack(memory, offset, length, out, at);
    }

    /** One body in this chunk is gone; true when none is left. */
    boolean release() {
        return --live == 0;
    }

    ByteBuffer memory() {
        return memory;
    }
}
