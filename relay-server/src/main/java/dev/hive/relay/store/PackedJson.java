package dev.hive.relay.store;

import java.nio.ByteBuffer;

/**
 * A body's JSON text in the compact form queued bodies are kept in, which gives back the exact
 * bytes that were posted. Hive writes every byte array as JSON integers ({@code [37,252,132,…]}),
 * about 3.6 characters per byte, so a sealed envelope is mostly such a run; kept as the bytes
 * themselves, a 600-byte envelope takes about 220.
 *
 * <p>The form is a sequence of segments, each a header (an unsigned LEB128 varint {@code
 * count << 1 | kind}) and {@code count} bytes:
 * <ul>
 *   <li>kind 0, text: the bytes as they are;</li>
 *   <li>kind 1, numbers: bytes {@code b1 … bn} standing for the text {@code b1,b2,…,bn}, each
 *       written in decimal without leading zeros.</li>
 * </ul>
 * Only numbers spelled exactly that way join a run, so unpacking restores every character; what
 * the text means as JSON does not matter. A run has at least {@link #MIN_RUN} numbers: then it
 * saves more than its own header and the text header after it can cost, and the packed form is
 * never more than one header ({@value #MAX_HEADER} bytes) longer than the text.
 */
final class PackedJson {

    static final int MIN_RUN = 11;
    static final int MAX_HEADER = 5;
    private static final int TEXT = 0;
    private static final int NUMBERS = 1;

    private final byte[] bytes;
    private final int length;
    private final int jsonLength;

    private PackedJson(byte[] bytes, int length, int jsonLength) {
        this.bytes = bytes;
        this.length = length;
        this.jsonLength = jsonLength;
    }

    static PackedJson pack(byte[] json) {
        byte[] out = new byte[json.length + MAX_HEADER];
        int at = 0;
        int textStart = 0;
        int i = 0;
        while (i < json.length) {
            if (!isDigit(json[i]) || (i > 0 && isDigit(json[i - 1]))) {
                i++;
                continue;
            }
            long run = scanRun(json, i);
            int count = (int) (run >>> 32);
            int end = (int) run;
            if (count < MIN_RUN) {
                i = Math.max(end, i + 1);
                continue;
            }
            at = writeText(json, textStart, i, out, at);
            at = writeHeader(out, at, count, NUMBERS);
            for (int p = i; p < end; p++) {
                int value = json[p] - '0';
                while (++p < end && json[p] != ',') {
                    value = value * 10 + json[p] - '0';
                }
                out[at++] = (byte) value;
            }
            i = end;
            textStart = end;
        }
        at = writeText(json, textStart, json.length, out, at);
        return new PackedJson(out, at, json.length);
    }

    /** Bytes in the packed form. */
    int length() {
        return length;
    }

    /** Bytes of the JSON text it stands for. */
    int jsonLength() {
        return jsonLength;
    }

    void copyTo(ByteBuffer memory, int offset) {
        memory.put(offset, bytes, 0, length);
    }

    /**
     * Writes the JSON text of the packed body at {@code memory[offset, offset + length)} into
     * {@code out} from {@code at}; returns the index after it.
     */
    static int unpack(ByteBuffer memory, int offset, int length, byte[] out, int at) {
        int p = offset;
        int end = offset + length;
        while (p < end) {
            long header = 0;
            int shift = 0;
            int b;
            do {
                b = memory.get(p++);
                header |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            int count = (int) (header >>> 1);
            if ((header & 1) == TEXT) {
                memory.get(p, out, at, count);
                at += count;
            } else {
                for (int n = 0; n < count; n++) {
                    if (n > 0) {
                        out[at++] = ',';
                    }
                    at = writeNumber(out, at, memory.get(p + n) & 0xff);
                }
            }
            p += count;
        }
        return at;
    }

    /**
     * From a digit at {@code start}: how many numbers 0-255 without leading zeros follow, one
     * comma apart, and where they end; as {@code count << 32 | end}. A number followed by
     * another digit (too long, or a leading zero) ends the run before it.
     */
    private static long scanRun(byte[] json, int start) {
        int count = 0;
        int end = start;
        int p = start;
        while (true) {
            int value = 0;
            int digits = 0;
            while (p < json.length && isDigit(json[p]) && digits < 4) {
                value = value * 10 + json[p] - '0';
                digits++;
                p++;
            }
            // Stopped by a fourth digit, or by a non-digit after at most three.
            boolean canonical = digits > 0 && digits < 4 && value <= 255 && (digits == 1 || json[p - digits] != '0');
            if (!canonical) {
                break;
            }
            count++;
            end = p;
            if (p + 1 >= json.length || json[p] != ',' || !isDigit(json[p + 1])) {
                break;
            }
            p++;
        }
        return (long) count << 32 | end;
    }

    private static int writeText(byte[] json, int from, int to, byte[] out, int at) {
        if (from == to) {
            return at;
        }
        at = writeHeader(out, at, to - from, TEXT);
        System.arraycopy(json, from, out, at, to - from);
        return at + to - from;
    }

    private static int writeHeader(byte[] out, int at, int count, int kind) {
        long header = (long) count << 1 | kind;
        while (header >= 0x80) {
            out[at++] = (byte) (header | 0x80);
            header >>>= 7;
        }
        out[at++] = (byte) header;
        return at;
    }

    private static int writeNumber(byte[] out, int at, int value) {
        if (value >= 100) {
            out[at++] = (byte) ('0' + value / 100);
            out[at++] = (byte) ('0' + value / 10 % 10);
        } else if (value >= 10) {
            out[at++] = (byte) ('0' + value / 10);
        }
        out[at++] = (byte) ('0' + value % 10);
        return at;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
