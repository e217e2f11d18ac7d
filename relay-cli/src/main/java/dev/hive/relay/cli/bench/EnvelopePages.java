package dev.hive.relay.cli.bench;

/**
 * Reads what the bench needs from relay answers without building trees: the {@code seq} of a
 * push answer ({@code {"seq":N}}), and the number of elements and the last {@code seq} of a
 * page ({@code [{"seq":N,"body":…},…]}). The page scan follows strings and nesting, so
 * bodies holding brackets or quotes are counted right.
 */
final class EnvelopePages {

    private static final boolean[] STRUCTURAL = new boolean[256];

    static {
        for (char c : new char[] {'"', '[', ']', '{', '}'}) {
            STRUCTURAL[c] = true;
        }
    }

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
        int i = 0;
        while (i < length) {
            if (depth >= 2) {
                // Inside an element only quotes and brackets matter: skip the rest in a tight loop
                // (a page of 100 envelopes is some 65 KB, mostly digits and commas).
                while (i < length && !STRUCTURAL[b[i] & 0xff]) {
                    i++;
                }
                if (i == length) {
                    break;
                }
            }
            byte c = b[i];
            switch (c) {
                case '"' -> {
                    if (depth == 1) {
                        count++;
                        lastStart = i;
                    }
                    i = afterString(b, i + 1, length);
                }
                case '[', '{' -> {
                    if (depth == 1) {
                        count++;
                        lastStart = i;
                    }
                    depth++;
                    i++;
                }
                case ']', '}' -> {
                    depth--;
                    i++;
                }
                default -> {
                    if (depth == 1 && c != ',' && c != ' ' && c != '\t' && c != '\r' && c != '\n'
                            && isValueBoundary(b[i - 1])) {
                        count++; // a number, true, false or null as an element
                        lastStart = i;
                    }
                    i++;
                }
            }
        }
        if (lastStart >= 0) {
            lastSeq = seqAt(b, lastStart, length);
        }
    }

    /** The index just past the string whose contents start at {@code i}. */
    private static int afterString(byte[] b, int i, int length) {
        while (i < length) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return length;
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
