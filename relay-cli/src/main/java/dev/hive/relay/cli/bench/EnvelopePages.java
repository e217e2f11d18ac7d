package dev.hive.relay.cli.bench;

/**
 * Reads what the bench needs from relay answers without building trees: the {@code seq} of a
 * push answer ({@code {"seq":N}}), and the number of elements and the last {@code seq} of a
 * page ({@code [{"seq":N,"body":…},…]}). The page scan follows strings and nesting, so
 * bodies holding brackets or quotes are counted right.
 */
final class EnvelopePages {

    private int count;
    private long lastSeq;

    /** Elements in the last scanned page. */
    int count() {
        return count;
    }

    /** The {@code seq} of the last element of the last scanned page, 0 if none or not found. */
    long lastSeq() {
        return lastSeq;
    }

    /** Scans a JSON array page in {@code b[0, length)}. */
    void scan(byte[] b, int length) {
        count = 0;
        lastSeq = 0;
        int depth = 0;
        int lastStart = -1;
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            byte c = b[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (depth == 1) {
                        count++;
                        lastStart = i;
                    }
                    inString = true;
                }
                case '[', '{' -> {
                    if (depth == 1) {
                        count++;
                        lastStart = i;
                    }
                    depth++;
                }
                case ']', '}' -> depth--;
                case ',', ' ', '\t', '\r', '\n', ':' -> {
                    // separators
                }
                default -> {
                    if (depth == 1 && (i == 0 || isValueBoundary(b[i - 1]))) {
                        count++;
                        lastStart = i;
                    }
                }
            }
        }
        if (lastStart >= 0) {
            lastSeq = seqAt(b, lastStart, length);
        }
    }

    /** The number after the first {@code "seq":} in {@code b[0, length)}, or -1 when there is none. */
    static long seqOf(byte[] b, int length) {
        return seqOf(b, length, 0);
    }

    private static long seqOf(byte[] b, int length, int from) {
        for (int i = from; i + 6 <= length; i++) {
            if (b[i] == '"' && b[i + 1] == 's' && b[i + 2] == 'e' && b[i + 3] == 'q' && b[i + 4] == '"') {
                int at = i + 5;
                while (at < length && (b[at] == ' ' || b[at] == ':')) {
                    at++;
                }
                return digits(b, at, length);
            }
        }
        return -1;
    }

    /** The seq of the element starting at {@code start}: the relay writes {@code {"seq":N,…}}. */
    private static long seqAt(byte[] b, int start, int length) {
        long seq = seqOf(b, Math.min(length, start + 32), start);
        return Math.max(seq, 0);
    }

    private static long digits(byte[] b, int at, int length) {
        long value = 0;
        int n = 0;
        while (at < length && b[at] >= '0' && b[at] <= '9' && n < 18) {
            value = value * 10 + (b[at++] - '0');
            n++;
        }
        return n == 0 ? -1 : value;
    }

    private static boolean isValueBoundary(byte previous) {
        return previous == '[' || previous == ',' || previous == ' ' || previous == '\t' || previous == '\r'
                || previous == '\n';
    }
}
