package dev.hive.relay.json;

import java.nio.charset.StandardCharsets;

/** Decoding of string tokens that {@link JsonValidator} has already accepted. */
final class JsonStrings {

    private JsonStrings() {
    }

    /**
     * Decodes the validated string token starting at the quote {@code b[p]}; {@code end} is the
     * index just past the closing quote. Escaped surrogate pairs combine into one code point
     * (UTF-16 does that by itself); escaped lone surrogates stay lone.
     */
    static String decode(byte[] b, int p, int end) {
        int from = p + 1;
        int to = end - 1;
        int escape = indexOf(b, '\\', from, to);
        if (escape < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        while (escape >= 0) {
            out.append(new String(b, from, escape - from, StandardCharsets.UTF_8));
            byte kind = b[escape + 1];
            switch (kind) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append((char) Integer.parseInt(
                        new String(b, escape + 2, 4, StandardCharsets.US_ASCII), 16));
                default -> out.append((char) kind); // '"', '\\' and '/' stand for themselves
            }
            from = escape + (kind == 'u' ? 6 : 2);
            escape = indexOf(b, '\\', from, to);
        }
        return out.append(new String(b, from, to - from, StandardCharsets.UTF_8)).toString();
    }

    private static int indexOf(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
