package dev.hive.relay.tui;

import dev.hive.relay.stats.RelaySnapshot;

/**
 * Where {@code top} gets its data. The CLI adapts the admin endpoint to this, so the console
 * itself never speaks HTTP.
 */
@FunctionalInterface
public interface SnapshotSource {

    /**
     * Returns the relay's current state. Any exception means "relay unreachable right now": the
     * console shows the reason and retries at its refresh interval. Implementations should apply
     * their own timeout, since the console waits for an answer before asking again.
     */
    RelaySnapshot fetch() throws Exception;
}
