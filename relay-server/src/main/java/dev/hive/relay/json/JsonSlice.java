package dev.hive.relay.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One validated JSON value kept as the exact bytes it was written with, so it can be stored
 * or forwarded byte for byte, plus typed accessors for the common shapes.
 */
public final class JsonSlice {

    /** The kind of a JSON value, read from its first byte. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    private final byte[] buf;
    private final int start;
    private final int end;
    private final Kind kind;

    /** {@code buf[start, end)} must be one value already accepted by {@link JsonValidator}. */
    JsonSlice(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.kind = switch (buf[start]) {
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case '"' -> Kind.STRING;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            default -> Kind.NUMBER;
        };
    }

    /** The kind of this value. */
    public Kind kind() {
        return kind;
    }

    /** A copy of the value's bytes exactly as written (inner whitespace included). */
    public byte[] raw() {
        return Arrays.copyOfRange(buf, start, end);
    }

    /** The value's JSON text exactly as written. */
    public String rawText() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** Whether the value is {@code null}. */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The decoded string, escapes resolved; throws unless the value is a string. */
    public String asString() {
        expect(Kind.STRING, "a string");
        return JsonStrings.decode(buf, start, end);
    }

    /** The value as a {@code long}; throws unless it is an integer (no fraction or exponent) that fits. */
    public long asLong() {
        expect(Kind.NUMBER, "an integer");
        for (int i = start; i < end; i++) {
            if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E') {
                throw new JsonException("expected an integer, got " + rawText());
            }
        }
        try {
            return Long.parseLong(rawText());
        } catch (NumberFormatException e) {
            throw new JsonException("integer out of range");
        }
    }

    /** The boolean value; throws unless it is {@code true} or {@code false}. */
    public boolean asBoolean() {
        if (kind != Kind.TRUE && kind != Kind.FALSE) {
            throw wrongKind("a boolean");
        }
        return kind == Kind.TRUE;
    }

    /** The decoded elements of an array of strings; throws for any other value. */
    public List<String> asStringList() {
        expect(Kind.ARRAY, "an array of strings");
        List<String> strings = new ArrayList<>();
        int p = JsonValidator.skipWhitespace(buf, start + 1, end);
        if (buf[p] == ']') {
            return List.of();
        }
        while (true) {
            if (buf[p] != '"') {
                throw new JsonException("expected an array of strings");
            }
            int stringEnd = (int) JsonValidator.scanValue(buf, p, end);
            strings.add(JsonStrings.decode(buf, p, stringEnd));
            p = JsonValidator.skipWhitespace(buf, stringEnd, end);
            if (buf[p] == ']') {
                return List.copyOf(strings);
            }
            p = JsonValidator.skipWhitespace(buf, p + 1, end); // past ','
        }
    }

    /** The raw JSON text. */
    @Override
    public String toString() {
        return rawText();
    }

    private void expect(Kind wanted, String description) {
        if (kind != wanted) {
            throw wrongKind(description);
        }
    }

    private JsonException wrongKind(String description) {
        return new JsonException("expected " + description + ", got " + describe(kind));
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> "null";
        };
    }
}
