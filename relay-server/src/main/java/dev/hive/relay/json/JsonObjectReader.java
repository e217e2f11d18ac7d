package dev.hive.relay.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Reads a small request body that must be one JSON object into its members, each kept as a
 * {@link JsonSlice} of the exact bytes written. Meant for presence, pairing and token claims,
 * not for envelope bodies (those are only validated).
 *
 * <p>Duplicate member names: the last occurrence wins and the member sits where that last
 * occurrence was written, as if the earlier ones were absent.
 */
public final class JsonObjectReader {

    private JsonObjectReader() {
    }

    /** Validates {@code buf[off, off+len)} and returns its members in document order. */
    public static SequencedMap<String, JsonSlice> read(byte[] buf, int off, int len) {
        String problem = JsonValidator.problem(buf, off, len);
        if (problem != null) {
            throw new JsonException(problem);
        }
        // Own copy: slices must not change if the caller reuses its buffer.
        byte[] b = Arrays.copyOfRange(buf, off, off + len);
        int end = b.length;
        int p = JsonValidator.skipWhitespace(b, 0, end);
        if (b[p] != '{') {
            throw new JsonException("expected a JSON object");
        }
        LinkedHashMap<String, JsonSlice> members = new LinkedHashMap<>();
        p = JsonValidator.skipWhitespace(b, p + 1, end);
        while (b[p] != '}') {
            int nameEnd = (int) JsonValidator.scanValue(b, p, end);
            String name = JsonStrings.decode(b, p, nameEnd);
            p = JsonValidator.skipWhitespace(b, nameEnd, end);      // at ':'
            int valueStart = JsonValidator.skipWhitespace(b, p + 1, end);
            int valueEnd = (int) JsonValidator.scanValue(b, valueStart, end);
            members.remove(name);
            members.put(name, new JsonSlice(b, valueStart, valueEnd));
            p = JsonValidator.skipWhitespace(b, valueEnd, end);     // at ',' or '}'
            if (b[p] == ',') {
                p = JsonValidator.skipWhitespace(b, p + 1, end);
            }
        }
        return Collections.unmodifiableSequencedMap(members);
    }

    /** Like {@link #read(byte[], int, int)} for the whole array. */
    public static SequencedMap<String, JsonSlice> read(byte[] buf) {
        return read(buf, 0, buf.length);
    }

    /** Like {@link #read(byte[], int, int)} for JSON text. */
    public static SequencedMap<String, JsonSlice> read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }
}
