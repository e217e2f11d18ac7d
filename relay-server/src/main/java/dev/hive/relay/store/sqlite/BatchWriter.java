package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.Journal.DeviceRecordKind;
import dev.hive.relay.store.StoreException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs batches of ops as single transactions on the writer connection. Writer thread only. */
final class BatchWriter implements AutoCloseable {

    /** Past this, housekeeping truncates the log even while writes keep coming. */
    private static final long WAL_TRUNCATE_BYTES = 64L << 20;
    /** Give free pages back only when there are many, and a bounded number per pass. */
    private static final long VACUUM_MIN_FREE_PAGES = 2048;
    private static final long VACUUM_PAGES_PER_PASS = 4096;

    private final Connection conn;
    private final Path db;
    private final Path wal;
    private final Map<String, Long> roomMax = new HashMap<>();
    private Statement plain;
    private PreparedStatement insertEnvelope;
    private PreparedStatement insertKeyring;
    private PreparedStatement upsertDevice;
    private PreparedStatement upsertRoom;
    private PreparedStatement deleteEnvelopes;

    BatchWriter(Connection conn, Path db) throws SQLException {
        this.conn = conn;
        this.db = db;
        this.wal = Path.of(db + "-wal");
        prepare();
    }

    /**
     * Writes and commits the batch. Ops the database refuses on their own (a reused sequence) get
     * their error in {@code rejected} and the rest still commits; any other failure rolls the whole
     * batch back and is thrown.
     *
     * @return envelopes committed
     */
    int write(List<Op> batch, StoreException[] rejected) throws SQLException {
        roomMax.clear();
        int envelopes = 0;
        plain.execute("BEGIN IMMEDIATE");
        try {
            for (int i = 0; i < batch.size(); i++) {
                try {
                    if (apply(batch.get(i))) {
                        envelopes++;
                    }
                } catch (SQLException e) {
                    if (!SqliteErrors.isConstraint(e)) {
                        throw e;
                    }
                    // Only this statement was undone; the driver may have dropped its handle though.
                    rejected[i] = new StoreException("cannot write " + db + ": " + describe(batch.get(i))
                            + " refused (" + e.getMessage() + ")", e);
                    reprepare();
                }
            }
            // One counter update per room per batch; max() so a counter never moves back.
            for (Map.Entry<String, Long> e : roomMax.entrySet()) {
                upsertRoom.setString(1, e.getKey());
                upsertRoom.setLong(2, e.getValue());
                upsertRoom.executeUpdate();
            }
            plain.execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            reprepare();
            throw e;
        }
        return envelopes;
    }

    /**
     * Keeps the files bounded between batches. Pages freed by pruning are reused by later inserts;
     * when more than a quarter of the file is free (a room emptied, retention lowered) a bounded
     * pass hands pages back to the file system. The log is emptied when idle, so the database file
     * alone is complete, and when busy only once past {@link #WAL_TRUNCATE_BYTES}; SQLite's own
     * passive checkpoints (every 1000 pages) recycle it in between.
     */
    void housekeep(boolean idle) throws SQLException {
        long free = SqliteOpener.number(plain, "PRAGMA freelist_count");
        long pages = SqliteOpener.number(plain, "PRAGMA page_count");
        if (free >= VACUUM_MIN_FREE_PAGES && free * 4 > pages) {
            // The pragma frees one page per step; executeUpdate steps it to the end, execute would not.
            plain.executeUpdate("PRAGMA incremental_vacuum(" + VACUUM_PAGES_PER_PASS + ")");
        }
        long walSize = SqliteOpener.sizeOrZero(wal);
        if (walSize > WAL_TRUNCATE_BYTES || (idle && walSize > 0)) {
            checkpoint();
        }
    }

    /** Copies the log into the database and truncates it, unless a reader (a backup) still needs it. */
    void checkpoint() throws SQLException {
        // Never wait for readers here: appends queue up behind the writer meanwhile.
        plain.execute("PRAGMA busy_timeout = 0");
        try {
            SqliteOpener.number(plain, "PRAGMA wal_checkpoint(TRUNCATE)");
        } finally {
            plain.execute("PRAGMA busy_timeout = 5000");
        }
    }

    @Override
    public void close() {
        closeStatements();
        SqliteOpener.closeQuietly(conn);
    }

    private boolean apply(Op op) throws SQLException {
        switch (op) {
            case Op.Envelope e -> {
                insertEnvelope.setString(1, e.room());
                insertEnvelope.setLong(2, e.seq());
                insertEnvelope.setLong(3, e.receivedAt());
                insertEnvelope.setString(4, e.dedupKey());
                insertEnvelope.setBytes(5, e.body());
                insertEnvelope.executeUpdate();
                roomMax.merge(e.room(), e.seq(), Math::max);
                return true;
            }
            case Op.Keyring k -> {
                insertKeyring.setString(1, k.room());
                insertKeyring.setString(2, k.room());
                insertKeyring.setBytes(3, k.blob());
                insertKeyring.executeUpdate();
                roomMax.putIfAbsent(k.room(), 0L);
                return false;
            }
            case Op.Device d -> {
                upsertDevice.setString(1, d.room());
                upsertDevice.setString(2, kindName(d.kind()));
                upsertDevice.setString(3, d.deviceId());
                upsertDevice.setBytes(4, d.data());
                upsertDevice.setLong(5, d.seenAt());
                upsertDevice.executeUpdate();
                roomMax.putIfAbsent(d.room(), 0L);
                return false;
            }
            case Op.Prune p -> {
                deleteEnvelopes.setString(1, p.room());
                deleteEnvelopes.setLong(2, p.upToSeq());
                deleteEnvelopes.executeUpdate();
                return false;
            }
        }
    }

    static String kindName(DeviceRecordKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(Op op) {
        return switch (op) {
            case Op.Envelope e -> "envelope " + e.seq() + " of room " + e.room();
            case Op.Keyring k -> "keyring entry of room " + k.room();
            case Op.Device d -> kindName(d.kind()) + " of device " + d.deviceId() + " in room " + d.room();
            case Op.Prune p -> "pruning room " + p.room();
        };
    }

    private void prepare() throws SQLException {
        plain = conn.createStatement();
        insertEnvelope = conn.prepareStatement(
                "INSERT INTO envelopes(room, seq, received_at, dedup_key, body) VALUES (?, ?, ?, ?, ?)");
        insertKeyring = conn.prepareStatement("INSERT INTO keyring(room, idx, blob) VALUES"
                + " (?, (SELECT coalesce(max(idx), 0) + 1 FROM keyring WHERE room = ?), ?)");
        upsertDevice = conn.prepareStatement("INSERT INTO device_records(room, kind, device_id, data, seen_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(room, kind, device_id)"
                + " DO UPDATE SET data = excluded.data, seen_at = excluded.seen_at");
        upsertRoom = conn.prepareStatement("INSERT INTO rooms(room, last_seq) VALUES (?, ?)"
                + " ON CONFLICT(room) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)");
        deleteEnvelopes = conn.prepareStatement("DELETE FROM envelopes WHERE room = ? AND seq <= ?");
    }

    // After an error sqlite-jdbc may have finalized a statement while reporting it open.
    private void reprepare() throws SQLException {
        closeStatements();
        prepare();
    }

    private void closeStatements() {
        SqliteOpener.closeQuietly(insertEnvelope);
        SqliteOpener.closeQuietly(insertKeyring);
        SqliteOpener.closeQuietly(upsertDevice);
        SqliteOpener.closeQuietly(upsertRoom);
        SqliteOpener.closeQuietly(deleteEnvelopes);
        SqliteOpener.closeQuietly(plain);
    }

    private void rollbackQuietly() {
        try {
            plain.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite already rolled back (disk full and I/O errors do that)
        }
    }
}
