package dev.hive.relay.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies held outside the heap come back byte for byte, whatever the sizes and the evictions. */
class BodyLogTest {

    private static final int[] SIZES = {2, 40, 600, 601, 4_000, 4_096, 16_383, 16_385, 70_000};

    @Test
    void roomsSharingAPoolServeEveryBodyExactlyWhileTheQueuesTurnOver() {
        Random random = new Random(7);
        RoomRegistry registry = new RoomRegistry(new MemoryJournal(), 0);
        int rooms = 5;
        int maxEnvelopes = 40;
        List<Deque<Row>> model = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            model.add(new ArrayDeque<>());
        }
        for (int step = 1; step <= 3_000; step++) {
            int r = random.nextInt(rooms);
            int size = SIZES[random.nextInt(SIZES.length)];
            byte[] body = random.nextBoolean() ? body(step, size) : numbers(step, size, random);
            Room room = registry.room("room-" + r);
            long seq = room.append(body, DedupKey.of(null, null, body), step, maxEnvelopes).seq();
            Deque<Row> queue = model.get(r);
            queue.addLast(new Row(seq, body));
            while (queue.size() > maxEnvelopes) {
                queue.removeFirst();
            }
            if (step % 97 == 0) {
                for (int check = 0; check < rooms; check++) {
                    Room checked = registry.existing("room-" + check);
                    if (checked != null) {
                        assertPage(model.get(check), checked);
                    }
                }
            }
        }
        for (int r = 0; r < rooms; r++) {
            assertPage(model.get(r), registry.room("room-" + r));
        }
    }

    @Test
    void aPageAfterACursorHoldsOnlyTheLaterBodiesUpToTheLimit() {
        Room room = new RoomRegistry(new MemoryJournal(), 0).room("r");
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            byte[] body = body(i, 600);
            bodies.add(body);
            room.append(body, DedupKey.of(null, null, body), i, 0);
        }
        Deque<Row> expected = new ArrayDeque<>();
        for (int seq = 21; seq <= 30; seq++) {
            expected.add(new Row(seq, bodies.get(seq - 1)));
        }
        Room.Page page = room.page(20, 10);
        assertEquals(10, page.count());
        assertArrayEquals(json(expected), page.json());
    }

    @Test
    void emptiedChunksGoBackToThePoolAndServeTheNextAppends() {
        ChunkPool pool = new ChunkPool();
        BodyLog log = new BodyLog(pool);
        List<BodyChunk> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            PackedJson body = PackedJson.pack(body(i, 600));
            BodyChunk chunk = log.chunkFor(body.length());
            chunk.append(body);
            held.add(chunk);
        }
        long reserved = log.reservedBytes();
        assertTrue(reserved >= 200 * 600 && reserved <= 200 * 600 + ChunkPool.LARGE, "reserved " + reserved);
        assertEquals(0, pool.pooledBytes());
        held.forEach(log::release);
        assertEquals(0, log.reservedBytes(), "every chunk released");
        assertEquals(reserved, pool.pooledBytes(), "all of them pooled (under the cap)");
        BodyChunk again = log.chunkFor(600);
        assertEquals(ChunkPool.SMALL, again.capacity(), "an emptied room starts small again");
        assertEquals(reserved - ChunkPool.SMALL, pool.pooledBytes(), "taken from the pool, not allocated");
    }

    @Test
    void aRoomStartsWithSmallChunksAndWastesAtMostOneLargeChunkOnceBusy() {
        BodyLog log = new BodyLog(new ChunkPool());
        List<Integer> capacities = new ArrayList<>();
        BodyChunk last = null;
        int stored = PackedJson.pack(body(0, 600)).length();
        for (int i = 0; i < 1_000; i++) {
            PackedJson body = PackedJson.pack(body(i, 600));
            assertEquals(stored, body.length(), "text without number runs packs to one segment");
            BodyChunk chunk = log.chunkFor(body.length());
            chunk.append(body);
            if (chunk != last) {
                capacities.add(chunk.capacity());
                last = chunk;
            }
        }
        assertEquals(List.of(ChunkPool.SMALL, ChunkPool.SMALL, ChunkPool.SMALL, ChunkPool.SMALL),
                capacities.subList(0, 4), "a quiet room costs little");
        assertTrue(capacities.subList(4, capacities.size()).stream().allMatch(c -> c == ChunkPool.LARGE),
                "then large chunks: " + capacities);
        long unused = log.reservedBytes() - 1_000L * stored;
        assertTrue(unused < 4L * (ChunkPool.SMALL % stored) + capacities.size() * (long) (ChunkPool.LARGE % stored)
                        + ChunkPool.LARGE,
                "unused " + unused + " of " + log.reservedBytes());

        int big = ChunkPool.LARGE / 4 + 1;
        BodyChunk own = log.chunkFor(big);
        assertEquals(big, own.capacity(), "a body over a quarter of a large chunk gets a buffer of its own size");
        assertSame(last, log.chunkFor(stored), "and the room goes on filling its current chunk");
    }

    @Test
    void theIdlePoolIsCapped() {
        ChunkPool pool = new ChunkPool();
        for (long given = 0; given <= ChunkPool.MAX_POOLED_BYTES; given += ChunkPool.LARGE) {
            pool.give(java.nio.ByteBuffer.allocateDirect(ChunkPool.LARGE));
        }
        assertEquals(ChunkPool.MAX_POOLED_BYTES, pool.pooledBytes());
        pool.give(java.nio.ByteBuffer.allocateDirect(70_000));
        assertEquals(ChunkPool.MAX_POOLED_BYTES, pool.pooledBytes(), "odd sizes are never pooled");
    }

    private static void assertPage(Deque<Row> expected, Room room) {
        Room.Page page = room.page(0, Integer.MAX_VALUE);
        assertEquals(expected.size(), page.count());
        assertArrayEquals(json(expected), page.json());
    }

    /** A JSON body of exactly {@code size} bytes, unique per step. */
    private static byte[] body(int step, int size) {
        String head = "\"" + step + ":";
        StringBuilder text = new StringBuilder(head);
        while (text.length() < size - 1) {
            text.append((char) ('a' + text.length() % 26));
        }
        text.append('"');
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        return size < head.length() + 1 ? ("\"" + step + "\"").getBytes(StandardCharsets.US_ASCII) : bytes;
    }

    /** A body shaped like Hive's, its bytes as a JSON integer array, of about {@code size} bytes. */
    private static byte[] numbers(int step, int size, Random random) {
        StringBuilder text = new StringBuilder("{\"step\":" + step + ",\"ciphertext\":[");
        for (boolean first = true; text.length() < size - 2; first = false) {
            text.append(first ? "" : ",").append(random.nextInt(256));
        }
        return text.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] json(Deque<Row> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("[".getBytes(StandardCharsets.US_ASCII));
        boolean first = true;
        for (Row row : rows) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(("{\"seq\":" + row.seq + ",\"body\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(row.body);
            out.write('}');
        }
        out.write(']');
        return out.toByteArray();
    }

    private record Row(long seq, byte[] body) {
    }
}
