package dev.hive.relay.tui;

import java.time.Duration;
import java.util.List;

/** The refresh intervals {@code +} and {@code -} step through. */
final class Intervals {

    static final List<Duration> STEPS = List.of(
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private Intervals() {
    }

    /** The next step above {@code current}; a custom delay snaps onto the ladder. */
    static Duration longer(Duration current) {
        for (Duration step : STEPS) {
            if (step.compareTo(current) > 0) {
                return step;
            }
        }
        return current;
    }

    static Duration shorter(Duration current) {
        for (int i = STEPS.size() - 1; i >= 0; i--) {
            if (STEPS.get(i).compareTo(current) < 0) {
                return STEPS.get(i);
            }
        }
        return current;
    }
}
