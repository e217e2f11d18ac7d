package dev.hive.relay.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * {@code mixed}: each connection is one device of a team, in room {@code k mod --rooms}, going
 * round its sync loop: post an envelope, pull what is new since its cursor, read the keyring,
 * and every {@value #PRESENCE_EVERY}th round post its presence. Every request is one step, so
 * {@code --requests} counts requests, not rounds.
 */
final class MixedLoad implements ClosedLoop.Client {

    static final String[] OPS = {"post envelope", "pull", "get keyring", "post presence"};
    static final int PRESENCE_EVERY = 10;
    private static final int POST = 0;
    private static final int PULL = 1;
    private static final int KEYRING = 2;
    private static final int PRESENCE = 3;

    private final String envelopesPath;
    private final String keyringPath;
    private final String presencePath;
    private final String deviceId;
    private final SealedEnvelopes envelopes;
    private final byte[] body;
    private final SplittableRandom random;
    private final EnvelopePages pages = new EnvelopePages();
    private long cursor = -1;
    private long round;
    private int op = POST;

    MixedLoad(BenchConfig config, int connection, long seed) {
        int room = connection % config.rooms();
        this.envelopesPath = config.roomPath(room, "envelopes");
        this.keyringPath = config.roomPath(room, "keyring");
        this.presencePath = config.roomPath(room, "presence");
        this.deviceId = "bench-" + config.runId() + "-device-" + connection;
        this.envelopes = new SealedEnvelopes(config.size());
        this.body = new byte[config.size()];
        this.random = new SplittableRandom(seed);
    }

    /** A keyring blob shaped like Hive's, so {@code GET keyring} has something to return. */
    static byte[] keyringBlob(String runId) {
        return ("{\"sealed\":{\"bench-" + runId + "\":{\"ciphertext\":[1,2,3,4,5,6,7,8],\"nonce\":[0,0,0,0,0,0,0,0,0,0,0,1]"
                + "}},\"version\":1}").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void step(HttpConnection conn, OpStats[] ops) throws IOException {
        int current = op;
        long start = System.nanoTime();
        int status;
        long received = 0;
        switch (current) {
            case POST -> {
                envelopes.fill(body, random);
                start = System.nanoTime();
                status = conn.postJson(envelopesPath, body, 0, body.length);
                if (status == 200 && cursor < 0) {
                    // A device joining now starts its cursor just before its own first envelope.
                    cursor = Math.max(0, EnvelopePages.seqOf(conn.body(), conn.bodyLength()) - 1);
                }
                op = PULL;
            }
            case PULL -> {
                status = conn.get(envelopesPath + "?after=" + Math.max(cursor, 0));
                if (status == 200) {
                    pages.scan(conn.body(), conn.bodyLength());
                    received = pages.count();
                    cursor = Math.max(cursor, pages.lastSeq());
                }
                op = KEYRING;
            }
            case KEYRING -> {
                status = conn.get(keyringPath);
                round++;
                op = round % PRESENCE_EVERY == 0 ? PRESENCE : POST;
            }
            default -> {
                byte[] presence = ("{\"device_id\":\"" + deviceId + "\",\"data\":{\"status\":\"online\",\"at\":"
                        + System.currentTimeMillis() + "}}").getBytes(StandardCharsets.US_ASCII);
                start = System.nanoTime();
                status = conn.postJson(presencePath, presence, 0, presence.length);
                op = POST;
            }
        }
        ops[current].response(status, System.nanoTime() - start, received);
    }

    /** A step that throws has not moved the loop on, so the failed step is the current one (and is retried). */
    @Override
    public int currentOp() {
        return op;
    }
}
