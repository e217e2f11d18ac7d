package dev.hive.relay.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small tree parser for the command-line side, where convenience beats speed.
 *
 * <p>Values map to: object → unmodifiable {@code Map<String, Object>} in document order
 * (duplicate names: the last wins), array → unmodifiable {@code List<Object>}, string →
 * {@code String}, integer that fits → {@code Long}, any other number → {@code BigDecimal}
 * (exact), {@code true}/{@code false} → {@code Boolean}, and {@code null} → Java {@code null}
 * (use {@code containsKey} to tell a null member from a missing one).
 */
public final class JsonTree {

    private final byte[] b;
    private int p;

    private JsonTree(byte[] b) {
        this.b = b;
    }

    /** Parses strict JSON text into the object model described above. */
    public static Object parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String problem = JsonValidator.problem(bytes);
        if (problem != null) {
            throw new JsonException(problem);
        }
        JsonTree tree = new JsonTree(bytes);
        tree.p = JsonValidator.skipWhitespace(bytes, 0, bytes.length);
        return tree.value();
    }

    /** Parses JSON text that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json) {
        if (parse(json) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new JsonException("expected a JSON object");
    }

    // Recursion is safe: the validator has already capped nesting at MAX_DEPTH.
    private Object value() {
        int start = p;
        switch (b[start]) {
            case '{' -> {
                Map<String, Object> members = new LinkedHashMap<>();
                p = whitespaceAfter(start);
                while (b[p] != '}') {
                    int nameEnd = (int) JsonValidator.scanValue(b, p, b.length);
                    String name = JsonStrings.decode(b, p, nameEnd);
                    p = whitespaceAfter(JsonValidator.skipWhitespace(b, nameEnd, b.length)); // past ':'
                    Object member = value();
                    members.remove(name);
                    members.put(name, member);
                    p = nextElement();
                }
                p++;
                return Collections.unmodifiableMap(members);
            }
            case '[' -> {
                List<Object> elements = new ArrayList<>();
                p = whitespaceAfter(start);
                while (b[p] != ']') {
                    elements.add(value());
                    p = nextElement();
                }
                p++;
                return Collections.unmodifiableList(elements);
            }
            default -> {
                // A scalar: the scanner finds its end without recursing.
                p = (int) JsonValidator.scanValue(b, start, b.length);
                return switch (b[start]) {
                    case '"' -> JsonStrings.decode(b, start, p);
                    case 't', 'f' -> b[start] == 't';
                    case 'n' -> null;
                    default -> number(new String(b, start, p - start, StandardCharsets.US_ASCII), start);
                };
            }
        }
    }

    /** After an element: skips whitespace and a ',' so p is at the next element or the closer. */
    private int nextElement() {
        int q = JsonValidator.skipWhitespace(b, p, b.length);
        return b[q] == ',' ? whitespaceAfter(q) : q;
    }

    private int whitespaceAfter(int q) {
        return JsonValidator.skipWhitespace(b, q + 1, b.length);
    }

    private static Object number(String text, int at) {
        boolean integer = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (integer && text.length() <= 20) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                // falls through to BigDecimal
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new JsonException("number out of range at byte " + at);
        }
    }
}
