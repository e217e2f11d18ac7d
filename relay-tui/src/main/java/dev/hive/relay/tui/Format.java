package dev.hive.relay.tui;

import java.time.Duration;
import java.util.Locale;

/** Compact, fixed-locale number formatting for a narrow screen. */
final class Format {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Format() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}, {@code 123 MiB}: at most 8 columns. */
    static String bytes(double value) {
        double v = Math.max(0, value);
        int unit = 0;
        while (v >= 999.5 && unit < BYTE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (unit == 0) {
            return String.format(Locale.ROOT, "%.0f B", v);
        }
        String number = v < 99.95 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + BYTE_UNITS[unit];
    }

    static String bytesPerSecond(double value) {
        return bytes(value) + "/s";
    }

    /** {@code 0/s}, {@code 0.5/s}, {@code 500/s}, {@code 1.2k/s}. */
    static String rate(double perSecond) {
        return number(perSecond) + "/s";
    }

    /** Counts: exact below 10 000, then {@code 12.3k}, {@code 123k}, {@code 1.2M}. */
    static String count(long value) {
        return value < 10_000 ? Long.toString(value) : number(value);
    }

    static String number(double value) {
        double v = Math.max(0, value);
        if (v == 0) {
            return "0";
        }
        if (v < 9.95) {
            String s = String.format(Locale.ROOT, "%.1f", v);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        if (v < 999.5) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String[] suffixes = {"k", "M", "G", "T"};
        int i = -1;
        while (v >= 999.5 && i < suffixes.length - 1) {
            v /= 1000;
            i++;
        }
        String n = v < 9.95 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
        return n + suffixes[i];
    }

    /** Time since something, one unit: {@code 3s}, {@code 5m}, {@code 7h}, {@code 12d}. */
    static String age(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /** Uptime, two units: {@code 3d 4h}, {@code 2h 13m}, {@code 5m 12s}, {@code 45s}. */
    static String uptime(long millis) {
        long s = Math.max(0, millis) / 1000;
        long d = s / 86400;
        long h = s % 86400 / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        if (d > 0) {
            return d + "d " + h + "h";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        if (m > 0) {
            return m + "m " + sec + "s";
        }
        return sec + "s";
    }

    /** {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}. */
    static String interval(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        String s = String.format(Locale.ROOT, "%.2f", ms / 1000.0);
        s = s.replaceAll("0+$", "");
        return s + "s";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", Math.max(0, fraction) * 100);
    }

    static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
