package dev.hive.relay.stats;

/**
 * The envelope store behind the relay.
 *
 * @param kind                {@code sqlite} or {@code memory}
 * @param path                the database file, or empty for memory
 * @param sizeBytes           size on disk, 0 for memory
 * @param lastCommitMicros    duration of the latest durable commit, 0 when none yet
 * @param commits             durable commits since start
 * @param envelopesCommitted  envelopes written by those commits (per-commit average = ratio)
 */
public record StoreInfo(
        String kind,
        String path,
        long sizeBytes,
        long lastCommitMicros,
        long commits,
        long envelopesCommitted) {
}
