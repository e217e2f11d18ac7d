package dev.hive.relay.json;

import java.util.Objects;

/**
 * Strict RFC 8259 validation of raw bytes in a single pass, without building a tree.
 *
 * <p>Any JSON value is accepted at the top level, surrounded by optional JSON whitespace
 * (space, tab, CR, LF). The bytes must be well-formed UTF-8 everywhere (no overlongs, no
 * encoded surrogates, nothing above U+10FFFF, no truncated sequences); a byte order mark is
 * refused. Escaped lone surrogates such as {@code "\ud800"} are accepted, as RFC 8259 allows.
 * The scan is iterative with a bit stack, so hostile nesting cannot overflow the thread stack;
 * nesting deeper than {@link #MAX_DEPTH} is refused. Valid input costs no allocation except
 * a 128-byte stack once a container is seen.
 */
public final class JsonValidator {

    /** Deepest accepted nesting of arrays and objects. */
    public static final int MAX_DEPTH = 1000;

    // A scan returns the index just past the value (>= 0) or a negative packed error: -(position << 8 | code).
    private static final int E_EMPTY = 1;
    private static final int E_UTF8 = 2;
    private static final int E_TRAILING = 3;
    private static final int E_DEPTH = 4;
    private static final int E_VALUE = 5;
    private static final int E_COLON = 6;
    private static final int E_OBJECT_NEXT = 7;
    private static final int E_ARRAY_NEXT = 8;
    private static final int E_NAME = 9;
    private static final int E_END = 10;
    private static final int E_CONTROL = 11;
    private static final int E_ESCAPE = 12;
    private static final int E_UNTERMINATED = 13;
    private static final int E_DIGIT = 14;
    private static final int E_LEADING_ZERO = 15;
    private static final int E_LITERAL = 16;
    private static final int E_BOM = 17;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonValidator() {
    }

    /** Whether {@code buf[off, off+len)} holds exactly one valid JSON value. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return scanDocument(buf, off, len) >= 0;
    }

    /** Whether the whole array holds exactly one valid JSON value. */
    public static boolean isValid(byte[] buf) {
        return isValid(buf, 0, buf.length);
    }

    /**
     * Returns {@code null} when {@code buf[off, off+len)} is valid JSON, else a one-line reason
     * whose byte positions count from {@code off}, e.g. {@code "invalid JSON at byte 17: expected ':'"}.
     */
    public static String problem(byte[] buf, int off, int len) {
        long result = scanDocument(buf, off, len);
        return result >= 0 ? null : describe(result, off);
    }

    /** Like {@link #problem(byte[], int, int)} for the whole array. */
    public static String problem(byte[] buf) {
        return problem(buf, 0, buf.length);
    }

    private static long scanDocument(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int p = skipWhitespace(buf, off, end);
        if (p == end) {
            return fail(E_EMPTY, off);
        }
        long result = scanValue(buf, p, end);
        if (result < 0) {
            return result;
        }
        p = skipWhitespace(buf, (int) result, end);
        return p == end ? p : fail(E_TRAILING, p);
    }

    /**
     * Validates the one value starting exactly at {@code p} and returns the index just past it,
     * or a negative packed error. Readers in this package also use it to find where a value ends.
     */
    static long scanValue(byte[] b, int p, int end) {
        // Bit d is set when the container at depth d + 1 is an object: in one long for the first 64
        // levels (every real envelope), in an array only for documents nested deeper.
        long shallowBits = 0;
        long[] objectBits = null;
        int depth = 0;
        while (true) {
            // Expect a value at p (whitespace already skipped).
            if (p >= end) {
                return fail(E_END, p);
            }
            int c = b[p];
            if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    return fail(E_DEPTH, p);
                }
                boolean object = c == '{';
                if (depth < 64) {
                    shallowBits = object ? shallowBits | 1L << depth : shallowBits & ~(1L << depth);
                } else {
                    if (objectBits == null) {
                        objectBits = new long[(MAX_DEPTH + 63) / 64];
                    }
                    if (object) {
                        objectBits[depth >>> 6] |= 1L << depth;
                    } else {
                        objectBits[depth >>> 6] &= ~(1L << depth);
                    }
                }
                depth++;
                p = skipWhitespace(b, p + 1, end);
                if (p < end && b[p] == (object ? '}' : ']')) {
                    p++;
                    depth--;
                } else if (object) {
                    long r = scanMemberName(b, p, end);
                    if (r < 0) {
                        return r;
                    }
                    p = (int) r;
                    continue;
                } else {
                    continue;
                }
            } else {
                long r;
                if (c == '"') {
                    r = scanString(b, p, end);
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    r = scanNumber(b, p, end);
                } else if (c == 't') {
                    r = scanLiteral(b, p, end, TRUE);
                } else if (c == 'f') {
                    r = scanLiteral(b, p, end, FALSE);
                } else if (c == 'n') {
                    r = scanLiteral(b, p, end, NULL);
                } else if (isByteOrderMark(b, p, end)) {
                    r = fail(E_BOM, p);
                } else {
                    r = unexpected(b, p, end, E_VALUE);
                }
                if (r < 0) {
                    return r;
                }
                p = (int) r;
            }
            // A value just ended: close containers until one expects another element.
            while (true) {
                if (depth == 0) {
                    return p;
                }
                p = skipWhitespace(b, p, end);
                if (p >= end) {
                    return fail(E_END, p);
                }
                int d = depth - 1;
                boolean inObject = ((d < 64 ? shallowBits : objectBits[d >>> 6]) & (1L << d)) != 0;
                c = b[p];
                if (c == ',') {
                    p = skipWhitespace(b, p + 1, end);
                    if (inObject) {
                        long r = scanMemberName(b, p, end);
                        if (r < 0) {
                            return r;
                        }
                        p = (int) r;
                    }
                    break;
                }
                if (c == (inObject ? '}' : ']')) {
                    p++;
                    depth--;
                    continue;
                }
                return unexpected(b, p, end, inObject ? E_OBJECT_NEXT : E_ARRAY_NEXT);
            }
        }
    }

    /** Skips JSON whitespace from {@code p}; returns the first other index or {@code end}. */
    static int skipWhitespace(byte[] b, int p, int end) {
        while (p < end) {
            int c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /** Scans {@code "name" :} plus the whitespace after the colon. */
    private static long scanMemberName(byte[] b, int p, int end) {
        if (p >= end) {
            return fail(E_END, p);
        }
        if (b[p] != '"') {
            return unexpected(b, p, end, E_NAME);
        }
        long r = scanString(b, p, end);
        if (r < 0) {
            return r;
        }
        p = skipWhitespace(b, (int) r, end);
        if (p >= end) {
            return fail(E_END, p);
        }
        if (b[p] != ':') {
            return unexpected(b, p, end, E_COLON);
        }
        return skipWhitespace(b, p + 1, end);
    }

    private static long scanString(byte[] b, int p, int end) {
        int start = p++;
        while (p < end) {
            int c = b[p];
            if (c >= 0x20 && c != '"' && c != '\\') { // printable ASCII; non-ASCII bytes are negative
                p++;
            } else if (c == '"') {
                return p + 1;
            } else if (c == '\\') {
                if (p + 1 >= end) {
                    return fail(E_UNTERMINATED, start);
                }
                switch (b[p + 1]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p += 2;
                    case 'u' -> {
                        for (int i = 2; i < 6; i++) {
                            if (p + i >= end) {
                                return fail(E_UNTERMINATED, start);
                            }
                            if (!isHexDigit(b[p + i])) {
                                return fail(E_ESCAPE, p);
                            }
                        }
                        p += 6;
                    }
                    default -> {
                        return fail(E_ESCAPE, p);
                    }
                }
            } else if (c < 0) {
                int n = utf8SequenceLength(b, p, end);
                if (n < 0) {
                    return fail(E_UTF8, p);
                }
                p += n;
            } else {
                return fail(E_CONTROL, p);
            }
        }
        return fail(E_UNTERMINATED, start);
    }

    private static long scanNumber(byte[] b, int p, int end) {
        int start = p;
        if (b[p] == '-') {
            p++;
        }
        if (p < end && b[p] == '0') {
            p++;
            if (p < end && isDigit(b[p])) {
                return fail(E_LEADING_ZERO, start);
            }
        } else {
            int digitsStart = p;
            p = skipDigits(b, p, end);
            if (p == digitsStart) {
                return fail(E_DIGIT, p);
            }
        }
        if (p < end && b[p] == '.') {
            int digitsStart = ++p;
            p = skipDigits(b, p, end);
            if (p == digitsStart) {
                return fail(E_DIGIT, p);
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int digitsStart = p;
            p = skipDigits(b, p, end);
            if (p == digitsStart) {
                return fail(E_DIGIT, p);
            }
        }
        return p;
    }

    private static int skipDigits(byte[] b, int p, int end) {
        while (p < end && isDigit(b[p])) {
            p++;
        }
        return p;
    }

    private static long scanLiteral(byte[] b, int p, int end, byte[] literal) {
        if (end - p < literal.length) {
            return fail(E_LITERAL, p);
        }
        for (int i = 0; i < literal.length; i++) {
            if (b[p + i] != literal[i]) {
                return fail(E_LITERAL, p);
            }
        }
        return p + literal.length;
    }

    /** Length of the well-formed UTF-8 sequence of 2 to 4 bytes at {@code p}, or -1. */
    private static int utf8SequenceLength(byte[] b, int p, int end) {
        int lead = b[p] & 0xFF;
        if (lead < 0xC2) { // a continuation byte, or C0/C1 which only start overlongs
            return -1;
        }
        if (lead < 0xE0) {
            return p + 1 < end && isContinuation(b[p + 1]) ? 2 : -1;
        }
        if (lead < 0xF0) {
            if (p + 2 >= end) {
                return -1;
            }
            int second = b[p + 1] & 0xFF;
            int low = lead == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F would be overlong
            int high = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF would encode a surrogate
            return second >= low && second <= high && isContinuation(b[p + 2]) ? 3 : -1;
        }
        if (lead < 0xF5) {
            if (p + 3 >= end) {
                return -1;
            }
            int second = b[p + 1] & 0xFF;
            int low = lead == 0xF0 ? 0x90 : 0x80;  // F0 80..8F would be overlong
            int high = lead == 0xF4 ? 0x8F : 0xBF; // F4 90.. would exceed U+10FFFF
            return second >= low && second <= high
                    && isContinuation(b[p + 2]) && isContinuation(b[p + 3]) ? 4 : -1;
        }
        return -1;
    }

    /** A byte that cannot appear here: report broken UTF-8 as such, else the syntax error. */
    private static long unexpected(byte[] b, int p, int end, int syntaxError) {
        return fail(b[p] < 0 && utf8SequenceLength(b, p, end) < 0 ? E_UTF8 : syntaxError, p);
    }

    private static boolean isByteOrderMark(byte[] b, int p, int end) {
        return end - p >= 3 && b[p] == (byte) 0xEF && b[p + 1] == (byte) 0xBB && b[p + 2] == (byte) 0xBF;
    }

    private static boolean isContinuation(byte c) {
        return (c & 0xC0) == 0x80;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static long fail(int code, int position) {
        return -(((long) position << 8) | code);
    }

    /** Turns a negative scan result into the message; positions count from {@code base}. */
    static String describe(long result, int base) {
        long packed = -result;
        int code = (int) (packed & 0xFF);
        long at = (packed >>> 8) - base;
        return switch (code) {
            case E_EMPTY -> "empty body";
            case E_UTF8 -> "invalid UTF-8 at byte " + at;
            case E_TRAILING -> "trailing data after the JSON value at byte " + at;
            default -> "invalid JSON at byte " + at + ": " + switch (code) {
                case E_DEPTH -> "nesting deeper than " + MAX_DEPTH + " levels";
                case E_VALUE -> "expected a value";
                case E_COLON -> "expected ':'";
                case E_OBJECT_NEXT -> "expected ',' or '}'";
                case E_ARRAY_NEXT -> "expected ',' or ']'";
                case E_NAME -> "expected a member name in double quotes";
                case E_END -> "unexpected end of input";
                case E_CONTROL -> "control character in string must be escaped";
                case E_ESCAPE -> "invalid escape sequence";
                case E_UNTERMINATED -> "unterminated string";
                case E_DIGIT -> "expected a digit";
                case E_LEADING_ZERO -> "leading zeros are not allowed";
                case E_LITERAL -> "invalid literal";
                case E_BOM -> "byte order mark is not allowed";
                default -> throw new IllegalStateException("unknown error code " + code);
            };
        };
    }
}
