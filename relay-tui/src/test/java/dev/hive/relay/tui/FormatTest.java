package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void bytesUseBinaryUnitsWithAtMostThreeDigits() {
        assertEquals("0 B", Format.bytes(0));
        assertEquals("512 B", Format.bytes(512));
        assertEquals("1 KiB", Format.bytes(1024));
        assertEquals("1.5 KiB", Format.bytes(1536));
        assertEquals("12.3 MiB", Format.bytes(12.3 * 1024 * 1024));
        assertEquals("123 MiB", Format.bytes(123L * 1024 * 1024));
        assertEquals("1 MiB", Format.bytes(1000 * 1024), "999.5 KiB and up switch to the next unit");
        assertEquals("2 GiB", Format.bytes(2L * 1024 * 1024 * 1024));
        assertEquals("1.5 MiB/s", Format.bytesPerSecond(1.5 * 1024 * 1024));
    }

    @Test
    void ratesAreCompact() {
        assertEquals("0/s", Format.rate(0));
        assertEquals("0.5/s", Format.rate(0.5));
        assertEquals("2/s", Format.rate(2));
        assertEquals("500/s", Format.rate(500));
        assertEquals("1.2k/s", Format.rate(1234));
        assertEquals("45k/s", Format.rate(45_000));
        assertEquals("1.5M/s", Format.rate(1_500_000));
    }

    @Test
    void countsAreExactBelowTenThousand() {
        assertEquals("9999", Format.count(9999));
        assertEquals("12k", Format.count(12_000));
        assertEquals("123k", Format.count(123_456));
        assertEquals("1.2M", Format.count(1_234_567));
    }

    @Test
    void agesUseOneUnit() {
        assertEquals("0s", Format.age(-5));
        assertEquals("3s", Format.age(3_400));
        assertEquals("5m", Format.age(5 * 60_000 + 30_000));
        assertEquals("7h", Format.age(7 * 3_600_000));
        assertEquals("3d", Format.age(3 * 86_400_000L));
    }

    @Test
    void uptimeUsesTwoUnits() {
        assertEquals("45s", Format.uptime(45_000));
        assertEquals("5m 12s", Format.uptime(312_000));
        assertEquals("2h 13m", Format.uptime(2 * 3_600_000 + 13 * 60_000));
        assertEquals("3d 4h", Format.uptime(3 * 86_400_000L + 4 * 3_600_000));
    }

    @Test
    void intervals() {
        assertEquals("250ms", Format.interval(Duration.ofMillis(250)));
        assertEquals("1s", Format.interval(Duration.ofSeconds(1)));
        assertEquals("1.5s", Format.interval(Duration.ofMillis(1500)));
        assertEquals("5m", Format.interval(Duration.ofMinutes(5)));
    }
}
