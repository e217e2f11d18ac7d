package dev.hive.relay.config;

import java.time.Duration;
import java.util.Locale;

/** Parses the durations and sizes operators write: {@code 500ms}, {@code 25s}, {@code 24h}, {@code 90d}, {@code 4MiB}. */
public final class Units {

    private Units() {
    }

    /** A duration with a unit suffix (ms, s, m, h, d); a bare number means seconds. */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        String number;
        long unitMillis;
        if (value.endsWith("ms")) {
            number = value.substring(0, value.length() - 2);
            unitMillis = 1;
        } else if (value.endsWith("s")) {
            number = value.substring(0, value.length() - 1);
            unitMillis = 1_000;
        } else if (value.endsWith("m")) {
            number = value.substring(0, value.length() - 1);
            unitMillis = 60_000;
        } else if (value.endsWith("h")) {
            number = value.substring(0, value.length() - 1);
            unitMillis = 3_600_000;
        } else if (value.endsWith("d")) {
            number = value.substring(0, value.length() - 1);
            unitMillis = 86_400_000;
        } else {
            number = value;
            unitMillis = 1_000;
        }
        long amount = parseNonNegative(number, "'" + text + "' is not a duration like 500ms, 25s, 10m, 24h or 90d");
        try {
            return Duration.ofMillis(Math.multiplyExact(amount, unitMillis));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /** A byte count, optionally with KiB, MiB or GiB (also k, M, G as powers of 1024). */
    public static long parseSize(String text) {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        long unit = 1;
        String number = value;
        String[][] suffixes = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
                {"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};
        for (String[] suffix : suffixes) {
            if (lower.endsWith(suffix[0])) {
                number = value.substring(0, value.length() - suffix[0].length());
                unit = Long.parseLong(suffix[1]);
                break;
            }
        }
        long amount = parseNonNegative(number.trim(), "'" + text + "' is not a size like 4194304, 512KiB or 4MiB");
        try {
            return Math.multiplyExact(amount, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** A whole number, zero or more. */
    public static long parseNonNegative(String text, String problem) {
        String value = text.trim();
        if (value.isEmpty() || value.length() > 18) {
            throw new IllegalArgumentException(problem);
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new IllegalArgumentException(problem);
            }
        }
        return Long.parseLong(value);
    }

    /** Formats a duration compactly: {@code 25s}, {@code 1h30m}, {@code 500ms}. */
    public static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        long seconds = millis / 1_000;
        StringBuilder text = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            text.append(days).append('d');
        }
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 || text.isEmpty()) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /** Formats bytes with a binary unit: {@code 512 B}, {@code 4.0 MiB}. */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
