package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.StoreException;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;

/**
 * Opens the data directory and the database, refusing anything it does not recognise. Nothing is
 * written to an existing file until it has passed every check, so a wrong or damaged file is left
 * exactly as it was for the operator to inspect.
 */
final class SqliteOpener {

    static final String DB_FILE = "relay.db";
    static final String LOCK_FILE = "relay.lock";
    /** "HIVE" in ASCII, stored in the header so another program's database is recognised as such. */
    static final int APPLICATION_ID = 0x48495645;
    static final int SCHEMA_VERSION = 1;

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 100;
    private static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final String[] SCHEMA = {
        "CREATE TABLE rooms(room TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID",
        // Dedup keys are indexed in memory; here they are only stored to be reloaded.
        "CREATE TABLE envelopes(room TEXT NOT NULL, seq INTEGER NOT NULL, received_at INTEGER NOT NULL,"
                + " dedup_key TEXT, body BLOB NOT NULL, PRIMARY KEY(room, seq)) WITHOUT ROWID",
        "CREATE TABLE keyring(room TEXT NOT NULL, idx INTEGER NOT NULL, blob BLOB NOT NULL,"
                + " PRIMARY KEY(room, idx)) WITHOUT ROWID",
        "CREATE TABLE device_records(room TEXT NOT NULL, kind TEXT NOT NULL, device_id TEXT NOT NULL,"
                + " data BLOB NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY(room, kind, device_id)) WITHOUT ROWID",
    };

    private SqliteOpener() {
    }

    /** Creates the directory (0700) if missing; a non-directory in its place is an error. */
    static Path prepareDirectory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new StoreException("cannot use " + abs + " as the data directory: it is not a directory");
            }
            return abs;
        }
        try {
            return POSIX ? Files.createDirectories(abs, ownerOnly("rwx------")) : Files.createDirectories(abs);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + abs + ": " + SqliteErrors.reason(e), e);
        }
    }

    /** Held while the journal is open: two relays on one database would hand out the same sequences. */
    static FileLock lock(Path dir) {
        Path file = dir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = POSIX
                    ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            ownerOnly("rw-------"))
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this process: fall through to the same message
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + file + ": " + SqliteErrors.reason(e), e);
        }
        closeQuietly(channel);
        throw new StoreException("cannot open " + dir.resolve(DB_FILE) + ": another hive-relay process is using it"
                + " (lock held on " + file + ")");
    }

    /**
     * Validates the file, connects, creates the schema when the database is new and applies the
     * write-path settings. Returns a connection ready for the writer.
     */
    static Connection openForWriting(Path db, long maxPageCount) {
        boolean fresh = checkFile(db);
        Connection conn = connect(db, false);
        try {
            try (Statement st = conn.createStatement()) {
                if (!fresh) {
                    verify(db, st);
                }
                if (fresh || isEmpty(st)) {
                    // Must precede the first table. Freed pages are reused anyway; INCREMENTAL only lets
                    // housekeeping hand a large free list back to the file system after heavy pruning.
                    st.execute("PRAGMA auto_vacuum = INCREMENTAL");
                }
                String mode = string(st, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("cannot open " + db + ": write-ahead logging unavailable (mode " + mode + ")");
                }
                // In WAL mode NORMAL syncs only at checkpoints: a commit survives a crash of the process
                // but not of the machine or power. FULL syncs the log on every commit, so an acknowledged
                // envelope is on disk. Group commit pays that fsync once per batch, not per envelope.
                st.execute("PRAGMA synchronous = FULL");
                // A burst (or a long backup holding readers) can grow the log; once a checkpoint resets it,
                // SQLite truncates it back to this size instead of keeping the high-water mark.
                st.execute("PRAGMA journal_size_limit = " + (16 << 20));
                if (isEmpty(st)) {
                    createSchema(st);
                }
                if (maxPageCount > 0) {
                    st.execute("PRAGMA max_page_count = " + maxPageCount);
                }
            }
            return conn;
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new StoreException("cannot open " + db + ": " + SqliteErrors.reason(e), e);
        } catch (RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    static Connection connect(Path db, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try {
            return config.createConnection("jdbc:sqlite:" + db);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + db + ": " + SqliteErrors.reason(e), e);
        }
    }

    /**
     * Checks what is on disk before SQLite touches it. Returns true when there is no database yet,
     * in which case an empty owner-only file has been created.
     */
    private static boolean checkFile(Path db) {
        Path wal = Path.of(db + "-wal");
        boolean walHasData = sizeOrZero(wal) > 0;
        if (!Files.exists(db)) {
            if (walHasData) {
                throw new StoreException("cannot open " + db + ": the file is missing but its write-ahead log " + wal
                        + " is not; restore " + db + " or move the log away");
            }
            try {
                if (POSIX) {
                    Files.createFile(db, ownerOnly("rw-------"));
                } else {
                    Files.createFile(db);
                }
            } catch (IOException e) {
                throw new StoreException("cannot create " + db + ": " + SqliteErrors.reason(e), e);
            }
            return true;
        }
        if (!Files.isRegularFile(db)) {
            throw new StoreException("cannot open " + db + ": not a regular file");
        }
        long size;
        byte[] header = new byte[MAGIC.length];
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.READ)) {
            size = ch.size();
            ByteBuffer buf = ByteBuffer.wrap(header);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading: a short read is not the end of the file
            }
        } catch (IOException e) {
            throw new StoreException("cannot open " + db + ": " + SqliteErrors.reason(e), e);
        }
        if (size == 0) {
            // SQLite creates the file before writing its first page: a crash in between leaves it
            // empty with nothing ever acknowledged, unless a log holds data.
            if (walHasData) {
                throw new StoreException("cannot open " + db + ": the file is empty but its write-ahead log " + wal
                        + " is not");
            }
            checkWritable(db);
            return false;
        }
        if (size < HEADER_SIZE) {
            throw new StoreException("cannot open " + db + ": truncated (" + size + " bytes, shorter than a SQLite header)");
        }
        if (!Arrays.equals(header, MAGIC)) {
            throw new StoreException("cannot open " + db + ": not a SQLite database (unrecognised header)");
        }
        checkWritable(db);
        return false;
    }

    private static void checkWritable(Path db) {
        if (!Files.isWritable(db)) {
            throw new StoreException("cannot open " + db + ": the file is read-only");
        }
        if (!Files.isWritable(db.getParent())) {
            throw new StoreException("cannot open " + db + ": the data directory " + db.getParent() + " is read-only");
        }
    }

    /** Read-only checks of an existing database: integrity, owner and schema version. */
    private static void verify(Path db, Statement st) throws SQLException {
        String check = string(st, "PRAGMA quick_check(1)");
        if (!"ok".equals(check)) {
            throw new StoreException("cannot open " + db + ": the database is corrupt (" + check + ")");
        }
        if (isEmpty(st)) {
            return;
        }
        long appId = number(st, "PRAGMA application_id");
        if (appId != APPLICATION_ID) {
            throw new StoreException("cannot open " + db + ": a SQLite database, but not one of hive-relay");
        }
        long version = number(st, "PRAGMA user_version");
        if (version > SCHEMA_VERSION) {
            throw new StoreException("cannot open " + db + ": written by a newer hive-relay (schema version " + version
                    + "; this version reads up to " + SCHEMA_VERSION + "). Upgrade hive-relay or restore a backup.");
        }
        if (version < 1) {
            throw new StoreException("cannot open " + db + ": unknown schema version " + version);
        }
    }

    private static void createSchema(Statement st) throws SQLException {
        st.execute("BEGIN IMMEDIATE");
        try {
            for (String ddl : SCHEMA) {
                st.execute(ddl);
            }
            st.execute("PRAGMA application_id = " + APPLICATION_ID);
            st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            st.execute("COMMIT");
        } catch (SQLException e) {
            try {
                st.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // already rolled back by SQLite
            }
            throw e;
        }
    }

    private static boolean isEmpty(Statement st) throws SQLException {
        return number(st, "SELECT count(*) FROM sqlite_schema") == 0;
    }

    static long number(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static String string(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static FileAttribute<?> ownerOnly(String perms) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms));
    }

    static boolean posix() {
        return POSIX;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing useful to do
            }
        }
    }
}
