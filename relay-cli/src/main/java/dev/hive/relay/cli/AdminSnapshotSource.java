package dev.hive.relay.cli;

import dev.hive.relay.cli.admin.AdminClient;
import dev.hive.relay.cli.admin.AdminException;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.tui.SnapshotSource;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The admin endpoint as {@code top}'s data, across relay restarts. A restarted {@code serve}
 * writes a fresh admin secret (and, on port 0, a new address) into the data directory, so after
 * any failure the client is dropped and the next fetch finds endpoint and secret again. A client
 * that worked before and then fails (the relay restarted under it: stale connection, old secret)
 * is retried once at once with a fresh one, so a quick restart shows no "unreachable" at all.
 */
final class AdminSnapshotSource implements SnapshotSource, AutoCloseable {

    /** Short, so that the screen never waits long on a stuck relay; the console retries anyway. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<AdminClient> connect;
    private AdminClient client;
    private boolean answered;
    private boolean closed;

    AdminSnapshotSource(ResolvedSettings resolved) {
        this(() -> AdminClient.forSettings(resolved, FETCH_TIMEOUT));
    }

    /** @param connect finds the relay afresh (address and secret) each time it is called */
    AdminSnapshotSource(Supplier<AdminClient> connect) {
        this.connect = connect;
    }

    /**
     * @throws Unreachable with the cause in a few words (the console's header has little room); the
     *                     full one-line explanation is its cause
     */
    @Override
    public synchronized RelaySnapshot fetch() throws Unreachable {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        boolean reused = client != null && answered;
        try {
            try {
                return fetchOnce();
            } catch (AdminException e) {
                if (!reused || e.kind() == AdminException.Kind.TIMEOUT) {
                    throw e;
                }
                return fetchOnce();
            }
        } catch (AdminException e) {
            throw new Unreachable(e);
        }
    }

    private RelaySnapshot fetchOnce() {
        try {
            if (client == null) {
                client = connect.get();
                answered = false;
            }
            RelaySnapshot snapshot = client.snapshot(true);
            answered = true;
            return snapshot;
        } catch (RuntimeException e) {
            drop();
            throw e;
        }
    }

    private void drop() {
        AdminClient stale = client;
        client = null;
        answered = false;
        if (stale != null) {
            stale.close();
        }
    }

    /** No snapshot this time; the message is {@link AdminException#brief()}. */
    static final class Unreachable extends Exception {
        Unreachable(AdminException cause) {
            super(cause.brief(), cause, false, false);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }
}
