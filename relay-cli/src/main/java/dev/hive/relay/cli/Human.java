package dev.hive.relay.cli;

import dev.hive.relay.config.Units;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, sizes, ages and times the way an operator reads them at a glance. */
final class Human {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Human() {
    }

    /** {@code 1,234,567}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        return n < 0 ? "n/a" : Units.formatBytes(n);
    }

    /** A duration to the two most significant units: {@code 3h12m}, {@code 2d4h}, {@code 45s}. */
    static String span(long millis) {
        if (millis < 1_000) {
            return Math.max(0, millis / 1000) + "s";
        }
        long unit;
        if (millis >= 86_400_000L) {
            unit = 3_600_000L;
        } else if (millis >= 3_600_000L) {
            unit = 60_000L;
        } else {
            unit = 1_000L;
        }
        return Units.formatDuration(Duration.ofMillis(millis / unit * unit));
    }

    /** {@code 5s ago}, or {@code never} for 0 or less. */
    static String ago(long thenMillis, long nowMillis) {
        if (thenMillis <= 0) {
            return "never";
        }
        return span(Math.max(0, nowMillis - thenMillis)) + " ago";
    }

    /** A wall-clock time in the local zone, minutes precision. */
    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
    }

    /** Microseconds as {@code 850 µs}/{@code 1.2 ms}/{@code 2.4 s} (ASCII {@code us} when the output cannot show µ). */
    static String micros(long micros, boolean unicode) {
        if (micros < 1_000) {
            return micros + (unicode ? " µs" : " us");
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1f s", micros / 1_000_000.0);
    }

    /** Keeps both ends of a long id: {@code 7f3a9c…01e2}. */
    static String middle(String text, int max, boolean unicode) {
        if (text.length() <= max) {
            return text;
        }
        String ellipsis = unicode ? "…" : "..";
        int keep = max - ellipsis.length();
        int head = (keep + 1) / 2;
        return text.substring(0, head) + ellipsis + text.substring(text.length() - (keep - head));
    }

    static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
