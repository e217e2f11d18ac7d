package dev.hive.relay.store;

import dev.hive.relay.stats.StoreInfo;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the relay records what it acknowledges. The serving path lives in memory; a
 * journal makes it survive restarts. Appends are called in sequence order per room and
 * their futures complete only once the record is durable (or fail, and then the caller
 * must not acknowledge it).
 */
public interface Journal extends AutoCloseable {

    /** Records an envelope; {@code dedupKey} is forgotten with it when it is pruned. */
    CompletableFuture<Void> appendEnvelope(String room, long seq, long receivedAtMillis, String dedupKey, byte[] body);

    /** Records a keyring blob after the room's earlier ones. */
    CompletableFuture<Void> appendKeyring(String room, byte[] blob);

    /** Upserts a device's presence or candidates data. */
    CompletableFuture<Void> putDeviceRecord(String room, DeviceRecordKind kind, String deviceId,
                                            byte[] data, long seenAtMillis);

    /**
     * Drops the room's envelopes with {@code seq <= upToSeq}; the room's sequence counter is
     * kept, so numbers are never reused. Need not be durable before it returns.
     */
    void prune(String room, long upToSeq);

    /** Replays everything recorded, rooms first, then per room its envelopes in sequence order. */
    void load(JournalLoader loader);

    /** Why the journal cannot take writes right now, if it cannot. */
    Optional<String> problem();

    /** What the operator console shows about this store. */
    StoreInfo info();

    @Override
    void close();

    /** The two per-device maps a workspace keeps. */
    enum DeviceRecordKind {
        PRESENCE, CANDIDATES
    }

    /** Receives the recorded state at start-up. */
    interface JournalLoader {

        /** A room and the highest sequence ever acknowledged in it (kept even when pruned away). */
        void room(String room, long lastSeq);

        void envelope(String room, long seq, long receivedAtMillis, String dedupKey, byte[] body);

        void keyring(String room, byte[] blob);

        void deviceRecord(String room, DeviceRecordKind kind, String deviceId, byte[] data, long seenAtMillis);
    }
}
