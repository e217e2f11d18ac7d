package dev.hive.relay.store;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The relay's supply of direct buffers for envelope bodies, in two sizes, shared by every room.
 * A chunk a room has emptied goes back here and serves the next append in any room, so a full
 * queue that keeps turning over reuses its memory instead of leaving buffers for the garbage
 * collector to find. Beyond {@link #MAX_POOLED_BYTES} idle, chunks are dropped and their memory
 * is freed when the collector next finds them unreachable.
 */
final class ChunkPool {

    static final int SMALL = 4 * 1024;
    /**
     * The size a busy room appends into. Each room holds one partly filled chunk, half empty on
     * average: for 100 rooms of 1,000 Hive envelopes each (about 220 KB packed), 64 KiB chunks
     * would leave 13% of the memory unused, 16 KiB ones leave 3.6%, plus 1% for the chunks' own
     * bookkeeping (a buffer object, its cleaner, the malloc header).
     */
    static final int LARGE = 16 * 1024;
    static final long MAX_POOLED_BYTES = 8L * 1024 * 1024;

    private final ArrayDeque<ByteBuffer> small = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> large = new ArrayDeque<>();
    private long pooledBytes;

    /** A buffer of exactly {@code capacity} bytes, from the pool when it is one of the two sizes. */
    ByteBuffer take(int capacity) {
        ByteBuffer reused = null;
        synchronized (this) {
            ArrayDeque<ByteBuffer> free = queueFor(capacity);
            if (free != null && !free.isEmpty()) {
                reused = free.pop();
                pooledBytes -= capacity;
            }
        }
        if (reused != null) {
            return reused;
        }
        try {
            return ByteBuffer.allocateDirect(capacity);
        } catch (OutOfMemoryError e) {
            throw new StoreException("no memory left for queued envelopes (" + e.getMessage()
                    + "); lower max-envelopes or retention-days, or give the relay more memory");
        }
    }

    /** Takes back a buffer no body uses any more. */
    void give(ByteBuffer buffer) {
        synchronized (this) {
            ArrayDeque<ByteBuffer> free = queueFor(buffer.capacity());
            if (free != null && pooledBytes + buffer.capacity() <= MAX_POOLED_BYTES) {
                free.push(buffer);
                pooledBytes += buffer.capacity();
            }
        }
    }

    /** Bytes held idle for reuse. */
    synchronized long pooledBytes() {
        return pooledBytes;
    }

    private ArrayDeque<ByteBuffer> queueFor(int capacity) {
        return switch (capacity) {
            case SMALL -> small;
            case LARGE -> large;
            default -> null;
        };
    }
}
