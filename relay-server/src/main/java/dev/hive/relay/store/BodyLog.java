package dev.hive.relay.store;

/**
 * Where one room keeps its envelope bodies, packed ({@link PackedJson}): appended into direct
 * buffers outside the Java heap, of 4 KiB at first, then of 16 KiB once the room holds a few (a
 * quiet room costs little), which go back to the pool when their last body is evicted. A packed
 * body larger than a quarter of the largest chunk gets a buffer of its own.
 *
 * <p>Kept off the heap because a queue is long-lived data: on the heap, every queued byte is
 * copied through the young generation into the old one, and the collector keeps as much
 * again as headroom. Not thread-safe; the owning room guards it.
 */
final class BodyLog {

    private final ChunkPool pool;
    private BodyChunk current;
    private long reservedBytes;

    BodyLog(ChunkPool pool) {
        this.pool = pool;
    }

    /** A chunk with room for {@code length} more bytes; the caller appends the body to it. */
    BodyChunk chunkFor(int length) {
        if (length > ChunkPool.LARGE / 4) {
            return open(length);
        }
        if (current == null || !current.fits(length)) {
            current = open(nextChunkBytes(length));
        }
        return current;
    }

    /** A body in {@code chunk} is no longer queued; returns the chunk to the pool when it was the last. */
    void release(BodyChunk chunk) {
        if (chunk == null || !chunk.release()) {
            return;
        }
        reservedBytes -= chunk.capacity();
        if (chunk == current) {
            current = null;
        }
        pool.give(chunk.memory());
    }

    /** Bytes held outside the heap, including the unused ends of chunks. */
    long reservedBytes() {
        return reservedBytes;
    }

    /** Quiet rooms get small chunks, large ones once a room holds a few; never smaller than the body. */
    private int nextChunkBytes(int length) {
        return reservedBytes >= 4L * ChunkPool.SMALL || length > ChunkPool.SMALL ? ChunkPool.LARGE : ChunkPool.SMALL;
    }

    private BodyChunk open(int capacity) {
        BodyChunk chunk = new BodyChunk(pool.take(capacity));
        reservedBytes += capacity;
        return chunk;
    }
}
