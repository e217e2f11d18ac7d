package dev.hive.relay.cli.bench;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * {@code push}: one sealed-envelope body per {@code POST …/envelopes}, each with a fresh nonce.
 * Connection {@code k} starts at room {@code k mod --rooms} and posts {@code --batch}
 * envelopes to a room back to back before moving on to the next room.
 */
final class PushLoad implements ClosedLoop.Client {

    private final String[] paths;
    private final int batch;
    private final SealedEnvelopes envelopes;
    private final byte[] body;
    private final SplittableRandom random;
    private int room;
    private int inBatch;

    /** @param paths the envelopes path of each room */
    PushLoad(String[] paths, int connection, int batch, int size, long seed) {
        this.paths = paths;
        this.batch = batch;
        this.envelopes = new SealedEnvelopes(size);
        this.body = new byte[size];
        this.random = new SplittableRandom(seed);
        this.room = connection % paths.length;
    }

    @Override
    public void step(HttpConnection conn, OpStats[] ops) throws IOException {
        envelopes.fill(body, random);
        String path = paths[room];
        if (++inBatch == batch) {
            inBatch = 0;
            room = (room + 1) % paths.length;
        }
        long start = System.nanoTime();
        int status = conn.postJson(path, body, 0, body.length);
        ops[0].response(status, System.nanoTime() - start, 0);
    }

    @Override
    public int currentOp() {
        return 0;
    }
}
