package dev.hive.relay.stats;

import java.util.List;

/**
 * Everything the operator console reports about a running relay at one instant.
 * The admin JSON, {@code status} and {@code top} all render this one model.
 *
 * @param serverTimeMillis the relay's own clock when the snapshot was taken; rates are
 *                         computed from counter deltas over this timestamp, not the viewer's
 */
public record RelaySnapshot(
        long serverTimeMillis,
        ProcessInfo process,
        Totals totals,
        Traffic traffic,
        StoreInfo store,
        HealthVerdict health,
        List<WorkspaceStats> workspaces) {

    public RelaySnapshot {
        workspaces = List.copyOf(workspaces);
    }
}
