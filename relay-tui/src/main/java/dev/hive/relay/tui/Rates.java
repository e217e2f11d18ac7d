package dev.hive.relay.tui;

import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.Traffic;
import java.util.Optional;

/** Per-second rates from the counter deltas between two snapshots, over the relay's own clock. */
record Rates(
        double seconds,
        double requests,
        double status4xx,
        double status5xx,
        double envelopesIn,
        double envelopesOut,
        double bytesIn,
        double bytesOut,
        double unauthorized401,
        double tooLarge413,
        double rateLimited429) {

    /**
     * Empty when there is nothing honest to show: no earlier snapshot, no server time elapsed,
     * or the relay restarted in between (its counters started again from zero).
     */
    static Optional<Rates> between(RelaySnapshot previous, RelaySnapshot current) {
        if (previous == null || current == null) {
            return Optional.empty();
        }
        if (previous.process().startedAtMillis() != current.process().startedAtMillis()) {
            return Optional.empty();
        }
        long elapsed = current.serverTimeMillis() - previous.serverTimeMillis();
        if (elapsed <= 0) {
            return Optional.empty();
        }
        Traffic a = previous.traffic();
        Traffic b = current.traffic();
        long[] d = {
            b.requests() - a.requests(),
            b.status4xx() - a.status4xx(),
            b.status5xx() - a.status5xx(),
            b.envelopesIn() - a.envelopesIn(),
            b.envelopesOut() - a.envelopesOut(),
            b.bytesIn() - a.bytesIn(),
            b.bytesOut() - a.bytesOut(),
            b.unauthorized401() - a.unauthorized401(),
            b.tooLarge413() - a.tooLarge413(),
            b.rateLimited429() - a.rateLimited429(),
        };
        for (long delta : d) {
            if (delta < 0) {
                return Optional.empty();
            }
        }
        double s = elapsed / 1000.0;
        return Optional.of(new Rates(s, d[0] / s, d[1] / s, d[2] / s, d[3] / s, d[4] / s,
                d[5] / s, d[6] / s, d[7] / s, d[8] / s, d[9] / s));
    }
}
