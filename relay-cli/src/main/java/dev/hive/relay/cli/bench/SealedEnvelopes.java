package dev.hive.relay.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Bodies shaped like Hive's sealed envelopes, {@code {"ciphertext":[…],"nonce":[12 × u8],"version":0}},
 * with random bytes written as JSON integers and exactly {@code size} bytes long. The nonce
 * is fresh for every body, so the relay's content-hash dedup never merges two of them.
 */
final class SealedEnvelopes {

    private static final byte[] HEAD = "{\"ciphertext\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "],\"nonce\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "],\"version\":0}".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int MAX_NONCE_TEXT = NONCE_BYTES * 4 - 1; // "255," × 11 + "255"

    /** The smallest body that fits any nonce and at least one ciphertext byte. */
    static final int MIN_SIZE = HEAD.length + 1 + MIDDLE.length + MAX_NONCE_TEXT + TAIL.length;

    private final int size;
    private final byte[] nonceText = new byte[MAX_NONCE_TEXT];

    SealedEnvelopes(int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("an envelope needs at least " + MIN_SIZE + " bytes");
        }
        this.size = size;
    }

    int size() {
        return size;
    }

    /** A new array holding one fresh body. */
    byte[] next(RandomGenerator random) {
        byte[] body = new byte[size];
        fill(body, random);
        return body;
    }

    /** Writes one fresh body into {@code out[0, size)}. */
    void fill(byte[] out, RandomGenerator random) {
        int nonceLength = 0;
        for (int i = 0; i < NONCE_BYTES; i++) {
            if (i > 0) {
                nonceText[nonceLength++] = ',';
            }
            nonceLength = writeNumber(nonceText, nonceLength, random.nextInt(256));
        }
        int at = 0;
        System.arraycopy(HEAD, 0, out, at, HEAD.length);
        at += HEAD.length;
        int cipherText = size - HEAD.length - MIDDLE.length - nonceLength - TAIL.length;
        at = writeCiphertext(out, at, cipherText, random);
        System.arraycopy(MIDDLE, 0, out, at, MIDDLE.length);
        at += MIDDLE.length;
        System.arraycopy(nonceText, 0, out, at, nonceLength);
        at += nonceLength;
        System.arraycopy(TAIL, 0, out, at, TAIL.length);
    }

    /**
     * Fills exactly {@code chars} (≥ 1) characters with comma-separated numbers 0-255. Seen as
     * tokens of a comma plus 1-3 digits (the first comma dropped), random tokens are written
     * while at least 8 characters are left, and the last 2-7 are split into one or two tokens.
     */
    private static int writeCiphertext(byte[] out, int at, int chars, RandomGenerator random) {
        int left = chars + 1; // as if the first number also had a comma before it
        boolean first = true;
        while (left > 0) {
            int digits;
            if (left >= 8) {
                int value = random.nextInt(256);
                digits = value < 10 ? 1 : value < 100 ? 2 : 3;
                at = token(out, at, first, value);
                left -= digits + 1;
                first = false;
                continue;
            }
            digits = switch (left) {
                case 5 -> 1;           // 2 + 3
                case 6, 7 -> 2;        // 3 + 3, 3 + 4
                default -> left - 1;   // 2, 3 or 4: one token
            };
            at = token(out, at, first, numberWithDigits(digits, random));
            left -= digits + 1;
            first = false;
        }
        return at;
    }

    private static int token(byte[] out, int at, boolean first, int value) {
        if (!first) {
            out[at++] = ',';
        }
        return writeNumber(out, at, value);
    }

    private static int numberWithDigits(int digits, RandomGenerator random) {
        return switch (digits) {
            case 1 -> random.nextInt(10);
            case 2 -> 10 + random.nextInt(90);
            default -> 100 + random.nextInt(156);
        };
    }

    private static int writeNumber(byte[] out, int at, int value) {
        if (value >= 100) {
            out[at++] = (byte) ('0' + value / 100);
        }
        if (value >= 10) {
            out[at++] = (byte) ('0' + value / 10 % 10);
        }
        out[at++] = (byte) ('0' + value % 10);
        return at;
    }
}
