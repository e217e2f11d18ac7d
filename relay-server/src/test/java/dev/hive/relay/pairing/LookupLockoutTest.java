package dev.hive.relay.pairing;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failed-look-up window, on a clock the test moves. */
class LookupLockoutTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    private final LookupLockout lockout = new LookupLockout(10, 60_000, now::get);

    @Test
    void tenFailuresWithinAMinuteLockTheClientOutUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 10; i++) {
            assertFalse(lockout.isLockedOut("203.0.113.1"), "after " + i + " failures");
            lockout.recordFailure("203.0.113.1");
            now.addAndGet(1_000);
        }
        assertTrue(lockout.isLockedOut("203.0.113.1"));
        assertFalse(lockout.isLockedOut("203.0.113.2"), "other clients are not affected");
        // The first failure was at t0; it is now t0 + 10 s, so it leaves the window in 50 s.
        assertEquals(50, lockout.retryAfterSeconds("203.0.113.1"));

        now.addAndGet(50_000);
        assertFalse(lockout.isLockedOut("203.0.113.1"), "the oldest failure has left the window");
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteNeverLockOut() {
        for (int i = 0; i < 30; i++) {
            lockout.recordFailure("203.0.113.1");
            now.addAndGet(6_001);
            assertFalse(lockout.isLockedOut("203.0.113.1"), "after " + (i + 1) + " failures");
        }
    }

    @Test
    void idleClientsAreForgotten() {
        lockout.recordFailure("203.0.113.1");
        now.addAndGet(60_000);
        lockout.forgetIdle();
        assertEquals(0, lockout.retryAfterSeconds("203.0.113.1"));
    }
}
