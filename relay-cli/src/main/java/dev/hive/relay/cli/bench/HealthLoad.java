package dev.hive.relay.cli.bench;

import java.io.IOException;

/** {@code health}: {@code GET /v1/health} (or {@code --path}) on every connection, back to back. */
final class HealthLoad implements ClosedLoop.Client {

    private final String path;

    HealthLoad(String path) {
        this.path = path;
    }

    @Override
    public void step(HttpConnection conn, OpStats[] ops) throws IOException {
        long start = System.nanoTime();
        int status = conn.get(path);
        ops[0].response(status, System.nanoTime() - start, 0);
    }

    @Override
    public int currentOp() {
        return 0;
    }
}
