package dev.hive.relay.config;

/** Where envelopes are kept. */
public enum StoreKind {
    /** SQLite in the data directory; nothing acknowledged is lost on restart. */
    SQLITE,
    /** Memory only; a restart drops what peers have not pulled. */
    MEMORY
}
