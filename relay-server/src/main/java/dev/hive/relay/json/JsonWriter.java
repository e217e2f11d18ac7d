package dev.hive.relay.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one JSON document as UTF-8 bytes, placing commas and colons itself.
 *
 * <p>Strings escape {@code "}, {@code \} and control characters (short forms where JSON has
 * them, else {@code \}{@code u00XX}); everything else is written as UTF-8, except lone
 * surrogates, which are escaped so the output stays valid UTF-8. Misuse (a value where a
 * name is due, unbalanced ends, a second top-level value) throws {@link IllegalStateException}.
 * Not thread-safe.
 */
public final class JsonWriter {

    private static final byte IN_ARRAY_FIRST = 0;
    private static final byte IN_ARRAY = 1;
    private static final byte IN_OBJECT_FIRST = 2; // a name is due, no comma
    private static final byte IN_OBJECT = 3;       // a name is due, after a comma
    private static final byte AFTER_NAME = 4;      // a member's value is due

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] out = new byte[128];
    private int size;
    private byte[] scopes = new byte[8];
    private int depth;
    private boolean started;

    /** Creates an empty writer. */
    public JsonWriter() {
    }

    /** Returns {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        return new JsonWriter().value(s).toString();
    }

    /** Opens an object. */
    public JsonWriter beginObject() {
        beforeValue();
        push(IN_OBJECT_FIRST);
        return writeByte('{');
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() {
        if (depth == 0 || (scopes[depth - 1] != IN_OBJECT_FIRST && scopes[depth - 1] != IN_OBJECT)) {
            throw new IllegalStateException("endObject() without an open object awaiting a name");
        }
        depth--;
        return writeByte('}');
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        beforeValue();
        push(IN_ARRAY_FIRST);
        return writeByte('[');
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() {
        if (depth == 0 || (scopes[depth - 1] != IN_ARRAY_FIRST && scopes[depth - 1] != IN_ARRAY)) {
            throw new IllegalStateException("endArray() without an open array");
        }
        depth--;
        return writeByte(']');
    }

    /** Writes a member name; the member's value must follow. */
    public JsonWriter name(String name) {
        if (depth == 0 || (scopes[depth - 1] != IN_OBJECT_FIRST && scopes[depth - 1] != IN_OBJECT)) {
            throw new IllegalStateException("name() outside an object or twice in a row");
        }
        if (scopes[depth - 1] == IN_OBJECT) {
            writeByte(',');
        }
        scopes[depth - 1] = AFTER_NAME;
        writeString(name);
        return writeByte(':');
    }

    /** Writes a string value, or {@code null} when {@code value} is null. */
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        writeString(value);
        return this;
    }

    /** Writes an integer value. */
    public JsonWriter value(long value) {
        beforeValue();
        return writeAscii(Long.toString(value));
    }

    /** Writes a finite number; NaN and infinities have no JSON form and are refused. */
    public JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        beforeValue();
        return writeAscii(Double.toString(value));
    }

    /** Writes {@code true} or {@code false}. */
    public JsonWriter value(boolean value) {
        beforeValue();
        return writeAscii(value ? "true" : "false");
    }

    /** Writes {@code null}. */
    public JsonWriter nullValue() {
        beforeValue();
        return writeAscii("null");
    }

    /** Writes bytes that already are one valid JSON value (not checked: the hot path validated them once). */
    public JsonWriter rawValue(byte[] json, int off, int len) {
        beforeValue();
        ensureCapacity(len);
        System.arraycopy(json, off, out, size, len);
        size += len;
        return this;
    }

    /** Writes bytes that already are one valid JSON value (not checked). */
    public JsonWriter rawValue(byte[] json) {
        return rawValue(json, 0, json.length);
    }

    /** Writes text that already is one valid JSON value (not checked). */
    public JsonWriter rawValue(String json) {
        return rawValue(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The finished document as UTF-8 bytes. */
    public byte[] toByteArray() {
        requireComplete();
        return Arrays.copyOf(out, size);
    }

    /** Writes the finished document to {@code sink}. */
    public void writeTo(OutputStream sink) throws IOException {
        requireComplete();
        sink.write(out, 0, size);
    }

    /** The finished document as text. */
    @Override
    public String toString() {
        requireComplete();
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }

    private void requireComplete() {
        if (!started || depth != 0) {
            throw new IllegalStateException("the JSON document is not complete");
        }
    }

    private void beforeValue() {
        if (depth == 0) {
            if (started) {
                throw new IllegalStateException("a JSON document holds a single top-level value");
            }
            started = true;
            return;
        }
        switch (scopes[depth - 1]) {
            case IN_ARRAY_FIRST -> scopes[depth - 1] = IN_ARRAY;
            case IN_ARRAY -> writeByte(',');
            case AFTER_NAME -> scopes[depth - 1] = IN_OBJECT;
            default -> throw new IllegalStateException("a member name is due before the value");
        }
    }

    private void push(byte scope) {
        if (depth == scopes.length) {
            scopes = Arrays.copyOf(scopes, depth * 2);
        }
        scopes[depth++] = scope;
    }

    private void writeString(String s) {
        int n = s.length();
        ensureCapacity(2 + 6L * n);
        out[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[size++] = (byte) c;
                } else {
                    writeEscape(c);
                }
            } else if (c < 0x800) {
                out[size++] = (byte) (0xC0 | c >> 6);
                out[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[size++] = (byte) (0xF0 | cp >> 18);
                out[size++] = (byte) (0x80 | (cp >> 12 & 0x3F));
                out[size++] = (byte) (0x80 | (cp >> 6 & 0x3F));
                out[size++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                writeUnicodeEscape(c);
            } else {
                out[size++] = (byte) (0xE0 | c >> 12);
                out[size++] = (byte) (0x80 | (c >> 6 & 0x3F));
                out[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[size++] = '"';
    }

    private void writeEscape(char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            default -> 0;
        };
        if (shortForm == 0) {
            writeUnicodeEscape(c);
        } else {
            out[size++] = '\\';
            out[size++] = (byte) shortForm;
        }
    }

    private void writeUnicodeEscape(char c) {
        out[size++] = '\\';
        out[size++] = 'u';
        out[size++] = HEX[c >> 12];
        out[size++] = HEX[c >> 8 & 0xF];
        out[size++] = HEX[c >> 4 & 0xF];
        out[size++] = HEX[c & 0xF];
    }

    private JsonWriter writeAscii(String s) {
        int n = s.length();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            out[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    private JsonWriter writeByte(char c) {
        ensureCapacity(1);
        out[size++] = (byte) c;
        return this;
    }

    private void ensureCapacity(long extra) {
        long needed = size + extra;
        if (needed > out.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("JSON document too large");
            }
            out = Arrays.copyOf(out, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * out.length)));
        }
    }
}
