package dev.hive.relay.store;

import dev.hive.relay.stats.StoreInfo;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The journal of the in-memory mode: records nothing, so every write is "durable" at once. */
public final class MemoryJournal implements Journal {

    private volatile boolean closed;

    @Override
    public CompletableFuture<Void> appendEnvelope(String room, long seq, long receivedAtMillis, String dedupKey,
                                                  byte[] body) {
        return done();
    }

    @Override
    public CompletableFuture<Void> appendKeyring(String room, byte[] blob) {
        return done();
    }

    @Override
    public CompletableFuture<Void> putDeviceRecord(String room, DeviceRecordKind kind, String deviceId, byte[] data,
                                                   long seenAtMillis) {
        return done();
    }

    @Override
    public void prune(String room, long upToSeq) {
        // nothing recorded, nothing to drop
    }

    @Override
    public void load(JournalLoader loader) {
        // nothing survives a restart in memory mode
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("memory", "", 0, 0, 0, 0);
    }

    @Override
    public void close() {
        closed = true;
    }

    // A new future each time: a shared one could be completed or obtruded by any caller.
    private CompletableFuture<Void> done() {
        return closed
                ? CompletableFuture.failedFuture(new StoreException("journal is closed"))
                : CompletableFuture.completedFuture(null);
    }
}
