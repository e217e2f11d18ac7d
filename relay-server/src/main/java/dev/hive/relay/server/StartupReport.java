package dev.hive.relay.server;

/** What the relay found at start-up, for its first lines of output. */
public record StartupReport(String storeDescription, int rooms, long envelopes, long loadMillis) {
}
