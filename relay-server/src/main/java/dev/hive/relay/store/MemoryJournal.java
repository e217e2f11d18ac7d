package dev.hive.relay.store;

import dev.hive.relay.stats.StoreInfo;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The journal of the memory-only store: remembers nothing, so every write is "durable" at once. */
public final class MemoryJournal implements Journal {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> appendEnvelope(String room, long seq, long receivedAtMillis, String dedupKey,
                                                  byte[] body) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> appendKeyring(String room, byte[] blob) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> putDeviceRecord(String room, DeviceRecordKind kind, String deviceId, byte[] data,
                                                   long seenAtMillis) {
        return DONE;
    }

    @Override
    public void prune(String room, long upToSeq) {
    }

    @Override
    public void load(JournalLoader loader) {
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
    }
}
