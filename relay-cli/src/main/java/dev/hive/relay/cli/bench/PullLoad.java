package dev.hive.relay.cli.bench;

import java.io.IOException;

/**
 * {@code pull}: {@code GET …/envelopes?after=N} over pre-filled rooms, each connection walking
 * the rooms in turn from room {@code k mod --rooms}. Tail mode asks for the newest 100
 * ({@code after = head - 100}), catch-up mode for everything ({@code after=0}).
 */
final class PullLoad implements ClosedLoop.Client {

    /** How many of the newest envelopes a tail read asks for. */
    static final int TAIL = 100;

    private final String[] paths;
    private final EnvelopePages pages = new EnvelopePages();
    private int room;

    /** @param paths the full request target (query included) of each room */
    PullLoad(String[] paths, int connection) {
        this.paths = paths;
        this.room = connection % paths.length;
    }

    /** The read of each room for the mode, given the rooms' heads after pre-filling. */
    static String[] paths(BenchConfig config, long[] heads) {
        String[] paths = new String[heads.length];
        for (int i = 0; i < heads.length; i++) {
            long after = config.catchUp() ? 0 : Math.max(0, heads[i] - TAIL);
            paths[i] = config.roomPath(i, "envelopes") + "?after=" + after;
        }
        return paths;
    }

    @Override
    public void step(HttpConnection conn, OpStats[] ops) throws IOException {
        String path = paths[room];
        room = (room + 1) % paths.length;
        long start = System.nanoTime();
        int status = conn.get(path);
        long nanos = System.nanoTime() - start;
        int received = 0;
        if (status == 200) {
            pages.scan(conn.body(), conn.bodyLength());
            received = pages.count();
        }
        ops[0].response(status, nanos, received);
    }

    @Override
    public int currentOp() {
        return 0;
    }
}
