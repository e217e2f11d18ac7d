package dev.hive.relay.stats;

import java.util.List;

/**
 * The relay process: identity, JVM memory and threads, listeners and the access gate.
 *
 * @param rssBytes resident set size from the OS, or -1 where the OS does not say
 * @param gateMode {@code open}, {@code allowlist} or {@code signed}
 * @param tokenCount live allowlist tokens (0 unless the gate is an allowlist)
 */
public record ProcessInfo(
        String version,
        long startedAtMillis,
        long uptimeMillis,
        long heapUsedBytes,
        long heapCommittedBytes,
        long heapMaxBytes,
        long rssBytes,
        int threads,
        long gcCount,
        long gcTimeMillis,
        List<Listener> listeners,
        String gateMode,
        int tokenCount) {

    public ProcessInfo {
        listeners = List.copyOf(listeners);
    }

    /** One socket the relay listens on, e.g. {@code public 0.0.0.0:8443}. */
    public record Listener(String name, String address, boolean running) {
    }
}
