package dev.hive.relay.stats;

import java.util.List;

/** The deep health check: a level and, unless OK, the reasons for it. */
public record HealthVerdict(Level level, List<String> reasons) {

    public HealthVerdict {
        reasons = List.copyOf(reasons);
    }

    /** Ordered by severity, as monitoring systems read them. */
    public enum Level { OK, WARN, CRIT }
}
