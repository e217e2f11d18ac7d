package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void noColorIsAnyNonEmptyValue() {
        assertTrue(TopOptions.fromEnvironment(Map.of("NO_COLOR", "1")).noColor());
        assertFalse(TopOptions.fromEnvironment(Map.of("NO_COLOR", "")).noColor());
        assertFalse(TopOptions.fromEnvironment(Map.of()).noColor());
    }

    @Test
    void asciiOnlyForALocaleThatIsSetAndNotUtf8() {
        assertFalse(TopOptions.fromEnvironment(Map.of()).ascii());
        assertFalse(TopOptions.fromEnvironment(Map.of("LANG", "en_GB.UTF-8")).ascii());
        assertTrue(TopOptions.fromEnvironment(Map.of("LANG", "C")).ascii());
        assertFalse(TopOptions.fromEnvironment(Map.of("LC_ALL", "C.utf8", "LANG", "C")).ascii());
    }

    @Test
    void delayIsValidated() {
        assertEquals(Duration.ofSeconds(1), TopOptions.defaults().delay());
        assertThrows(IllegalArgumentException.class, () -> TopOptions.defaults().withDelay(Duration.ofMillis(10)));
    }

    @Test
    void intervalStepsSnapACustomDelayOntoTheLadder() {
        assertEquals(Duration.ofSeconds(2), Intervals.longer(Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(500), Intervals.shorter(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(10), Intervals.longer(Duration.ofSeconds(10)), "top of the ladder");
        assertEquals(Duration.ofMillis(250), Intervals.shorter(Duration.ofMillis(250)), "bottom of the ladder");
        assertEquals(Duration.ofSeconds(2), Intervals.longer(Duration.ofMillis(1500)));
        assertEquals(Duration.ofSeconds(10), Intervals.shorter(Duration.ofSeconds(30)));
    }
}
