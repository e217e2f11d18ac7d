package dev.hive.relay.store.sqlite;

import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.store.Journal;
import dev.hive.relay.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * A journal in one SQLite file, {@code relay.db} in the data directory.
 *
 * <p>Writes are queued and a single writer thread commits everything queued at that moment in one
 * transaction (group commit): a lone append is committed at once, and concurrent appends share the
 * fsync. A future completes only after its transaction is synced to disk; completion runs on the
 * writer thread, so dependents that do real work should be attached with an {@code *Async} method.
 * Byte arrays handed in must not be modified afterwards.
 */
public final class SqliteJournal implements Journal {

    public static final String DB_FILE = SqliteOpener.DB_FILE;

    private static final System.Logger LOG = System.getLogger(SqliteJournal.class.getName());
    private static final int MAX_BATCH_OPS = 1024;
    private static final long MAX_BATCH_BYTES = 8L << 20;
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Path dir;
    private final Path db;
    private final Path wal;
    private final FileLock fileLock;
    private final Object fileKey;
    private final BatchWriter batchWriter;
    private final Thread writer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pending = lock.newCondition();
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    /** Guarded by {@link #lock}; once set no op is queued, so every queued op reaches the writer. */
    private String stopReason;

    private volatile String stopped;
    private volatile String commitProblem;
    private volatile String probeProblem;
    private volatile long nextProbe = System.nanoTime();
    private volatile long commits;
    private volatile long envelopesCommitted;
    private volatile long lastCommitMicros;

    private SqliteJournal(Path dir, Path db, FileLock fileLock, BatchWriter batchWriter) {
        this.dir = dir;
        this.db = db;
        this.wal = Path.of(db + "-wal");
        this.fileLock = fileLock;
        this.fileKey = fileKey(db);
        this.batchWriter = batchWriter;
        this.writer = Thread.ofPlatform().name("journal-writer").daemon(true).unstarted(this::runWriter);
    }

    /**
     * Opens (or creates) the journal in {@code dataDir}, creating the directory if needed.
     *
     * @throws StoreException naming the path and the reason when the directory or database cannot be used
     */
    public static SqliteJournal open(Path dataDir) {
        return open(dataDir, 0);
    }

    /** As {@link #open(Path)}; a positive {@code maxPageCount} caps the file, to test a full disk. */
    static SqliteJournal open(Path dataDir, long maxPageCount) {
        Path dir = SqliteOpener.prepareDirectory(dataDir);
        FileLock fileLock = SqliteOpener.lock(dir);
        try {
            Path db = dir.resolve(DB_FILE);
            SqliteNativeLibrary.useCopyIn(dir);
            Connection conn = SqliteOpener.openForWriting(db, maxPageCount);
            BatchWriter batchWriter;
            try {
                batchWriter = new BatchWriter(conn, db);
            } catch (SQLException e) {
                SqliteOpener.closeQuietly(conn);
                throw new StoreException("cannot open " + db + ": " + SqliteErrors.reason(e), e);
            }
            SqliteJournal journal = new SqliteJournal(dir, db, fileLock, batchWriter);
            journal.writer.start();
            return journal;
        } catch (RuntimeException e) {
            release(fileLock);
            throw e;
        }
    }

    /**
     * Writes a consistent copy of a live or stopped database to {@code target}, which must not exist.
     * Safe while the relay runs: the copy is taken in one read transaction and writers carry on.
     *
     * @param dataDirOrDbFile the data directory or the database file itself
     */
    public static void backup(Path dataDirOrDbFile, Path target) {
        SqliteBackup.copy(dataDirOrDbFile, target);
    }

    /** Backs this journal's database up to {@code target}; see {@link #backup(Path, Path)}. */
    public void backup(Path target) {
        backup(db, target);
    }

    /** The database file. */
    public Path path() {
        return db;
    }

    @Override
    public CompletableFuture<Void> appendEnvelope(String room, long seq, long receivedAtMillis, String dedupKey,
                                                  byte[] body) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        return enqueue(new Op.Envelope(Objects.requireNonNull(room), seq, receivedAtMillis, dedupKey,
                Objects.requireNonNull(body), f));
    }

    @Override
    public CompletableFuture<Void> appendKeyring(String room, byte[] blob) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        return enqueue(new Op.Keyring(Objects.requireNonNull(room), Objects.requireNonNull(blob), f));
    }

    @Override
    public CompletableFuture<Void> putDeviceRecord(String room, DeviceRecordKind kind, String deviceId, byte[] data,
                                                   long seenAtMillis) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        return enqueue(new Op.Device(Objects.requireNonNull(room), Objects.requireNonNull(kind),
                Objects.requireNonNull(deviceId), Objects.requireNonNull(data), seenAtMillis, f));
    }

    @Override
    public void prune(String room, long upToSeq) {
        enqueue(new Op.Prune(Objects.requireNonNull(room), upToSeq));
    }

    @Override
    public void load(JournalLoader loader) {
        SqliteReplay.replay(db, loader);
    }

    @Override
    public Optional<String> problem() {
        String s = stopped;
        if (s != null) {
            return Optional.of(s);
        }
        String c = commitProblem;
        return Optional.ofNullable(c != null ? c : probe());
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("sqlite", db.toString(), SqliteOpener.sizeOrZero(db) + SqliteOpener.sizeOrZero(wal),
                lastCommitMicros, commits, envelopesCommitted);
    }

    /** Commits what is queued, checkpoints and closes. Idempotent; later writes fail. */
    @Override
    public void close() {
        stop("journal " + db + " is closed");
        if (Thread.currentThread() != writer) {
            boolean interrupted = false;
            while (writer.isAlive()) {
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    interrupted = true; // finish closing: queued writes must not be dropped
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CompletableFuture<Void> enqueue(Op op) {
        lock.lock();
        try {
            if (stopReason != null) {
                return CompletableFuture.failedFuture(new StoreException(stopReason));
            }
            queue.add(op);
            pending.signal();
        } finally {
            lock.unlock();
        }
        return op.future();
    }

    private void stop(String reason) {
        lock.lock();
        try {
            if (stopReason == null) {
                stopReason = reason;
                stopped = reason;
                pending.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void runWriter() {
        List<Op> batch = new ArrayList<>(MAX_BATCH_OPS);
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        try {
            boolean last;
            do {
                last = take(batch, nextHousekeeping);
                boolean idle = batch.isEmpty();
                if (!idle) {
                    commit(batch);
                    batch.clear();
                }
                long now = System.nanoTime();
                if (!last && now - nextHousekeeping >= 0) {
                    housekeep(idle);
                    nextHousekeeping = now + HOUSEKEEPING_NANOS;
                }
            } while (!last);
            try {
                batchWriter.checkpoint();
            } catch (SQLException e) {
                LOG.log(WARNING, "final checkpoint of " + db + " failed: " + SqliteErrors.reason(e), e);
            }
        } catch (Throwable t) {
            stop("journal writer for " + db + " stopped: " + t);
            fail(batch, new StoreException("journal writer for " + db + " stopped: " + t, t));
            throw t;
        } finally {
            batchWriter.close();
            release(fileLock);
            failQueued();
        }
    }

    /** Waits for work until {@code deadline}, then moves one batch's worth. True once closed and drained. */
    private boolean take(List<Op> batch, long deadline) {
        lock.lock();
        try {
            while (queue.isEmpty() && stopReason == null) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    return false;
                }
                try {
                    pending.awaitNanos(wait);
                } catch (InterruptedException e) {
                    // only close() ends this thread, so that queued writes are never dropped
                }
            }
            long bytes = 0;
            while (!queue.isEmpty() && batch.size() < MAX_BATCH_OPS
                    && (batch.isEmpty() || bytes + queue.peek().weight() <= MAX_BATCH_BYTES)) {
                Op op = queue.poll();
                bytes += op.weight();
                batch.add(op);
            }
            return stopReason != null && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Op> batch) {
        StoreException[] rejected = new StoreException[batch.size()];
        long start = System.nanoTime();
        int envelopes;
        try {
            envelopes = batchWriter.write(batch, rejected);
        } catch (SQLException e) {
            String reason = "cannot write " + db + ": " + SqliteErrors.reason(e);
            if (!reason.equals(commitProblem)) {
                LOG.log(WARNING, reason, e);
            }
            commitProblem = reason;
            fail(batch, new StoreException(reason, e));
            return;
        }
        lastCommitMicros = (System.nanoTime() - start) / 1000;
        commits = commits + 1; // single writer: no lost updates
        envelopesCommitted = envelopesCommitted + envelopes;
        if (commitProblem != null) {
            LOG.log(INFO, "writes to " + db + " succeed again");
            commitProblem = null;
        }
        for (int i = 0; i < rejected.length; i++) {
            CompletableFuture<Void> f = batch.get(i).future();
            if (f != null) {
                if (rejected[i] != null) {
                    f.completeExceptionally(rejected[i]);
                } else {
                    f.complete(null);
                }
            }
        }
    }

    private void housekeep(boolean idle) {
        try {
            batchWriter.housekeep(idle);
        } catch (SQLException e) {
            LOG.log(WARNING, "housekeeping of " + db + " failed: " + SqliteErrors.reason(e), e);
        }
    }

    private void failQueued() {
        List<Op> left;
        lock.lock();
        try {
            left = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        fail(left, new StoreException(stopped != null ? stopped : "journal " + db + " is closed"));
    }

    private static void fail(List<Op> ops, StoreException e) {
        for (Op op : ops) {
            if (op.future() != null) {
                op.future().completeExceptionally(e);
            }
        }
    }

    /** Cheap, rate-limited checks so health turns bad even when nothing is being written. */
    private String probe() {
        long now = System.nanoTime();
        if (now - nextProbe < 0) {
            return probeProblem;
        }
        nextProbe = now + PROBE_NANOS;
        String p = null;
        if (!Files.isWritable(dir)) {
            p = "cannot write " + dir + ": the data directory is not writable";
        } else if (!Files.isWritable(db)) {
            p = "cannot write " + db + ": the file is missing or read-only";
        } else if (fileKey != null && !fileKey.equals(fileKey(db))) {
            // SQLite keeps writing to the old inode, which nothing would read after a restart.
            p = "cannot write " + db + ": the file was moved or replaced while the relay runs; restart the relay";
        }
        probeProblem = p;
        return p;
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void release(FileLock fileLock) {
        try {
            if (fileLock.isValid()) {
                fileLock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        SqliteOpener.closeQuietly(fileLock.channel());
    }
}
