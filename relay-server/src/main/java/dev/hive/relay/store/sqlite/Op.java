package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.Journal.DeviceRecordKind;

import java.util.concurrent.CompletableFuture;

/** A write waiting for the writer thread. Byte arrays are the caller's and are not copied. */
sealed interface Op {

    /** Completed after the commit that holds this op; {@code null} when nobody waits. */
    CompletableFuture<Void> future();

    /** Rough bytes this op adds to a transaction, to cap batch size. */
    long weight();

    record Envelope(String room, long seq, long receivedAt, String dedupKey, byte[] body,
                    CompletableFuture<Void> future) implements Op {
        @Override
        public long weight() {
            return body.length + 64L;
        }
    }

    record Keyring(String room, byte[] blob, CompletableFuture<Void> future) implements Op {
        @Override
        public long weight() {
            return blob.length + 32L;
        }
    }

    record Device(String room, DeviceRecordKind kind, String deviceId, byte[] data, long seenAt,
                  CompletableFuture<Void> future) implements Op {
        @Override
        public long weight() {
            return data.length + 64L;
        }
    }

    record Prune(String room, long upToSeq) implements Op {
        @Override
        public CompletableFuture<Void> future() {
            return null;
        }

        @Override
        public long weight() {
            return 32;
        }
    }
}
