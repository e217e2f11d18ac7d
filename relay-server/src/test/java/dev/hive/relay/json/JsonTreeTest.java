package dev.hive.relay.json;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTreeTest {

    @Test
    void buildsMapsListsAndScalars() {
        Object tree = JsonTree.parse(" {\"name\":\"relay\",\"ok\":true,\"off\":false,\"n\":42,\"list\":[1,\"two\",[],{}],\"none\":null} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "relay");
        expected.put("ok", true);
        expected.put("off", false);
        expected.put("n", 42L);
        expected.put("list", List.of(1L, "two", List.of(), Map.of()));
        expected.put("none", null);
        assertEquals(expected, tree);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) tree).keySet()));
    }

    @Test
    void nullIsJavaNullAndDistinguishableFromMissing() {
        Map<String, Object> m = JsonTree.parseObject("{\"a\":null}");
        assertTrue(m.containsKey("a"));
        assertNull(m.get("a"));
        assertNull(JsonTree.parse("null"));
    }

    @Test
    void mapsNumbers() {
        assertEquals(7L, JsonTree.parse("7"));
        assertEquals(-0L, JsonTree.parse("-0"));
        assertEquals(Long.MAX_VALUE, JsonTree.parse("9223372036854775807"));
        assertEquals(new BigDecimal("9223372036854775808"), JsonTree.parse("9223372036854775808"));
        assertEquals(new BigDecimal("1.50"), JsonTree.parse("1.50"));
        assertEquals(new BigDecimal("-2.5E+3"), JsonTree.parse("-2.5e3"));
        assertInstanceOf(BigDecimal.class, JsonTree.parse("1e3"));
        assertEquals("number out of range at byte 1", assertThrows(JsonException.class,
                () -> JsonTree.parse("[1e99999999999]")).getMessage());
    }

    @Test
    void decodesStrings() {
        assertEquals("é😀\n\"", JsonTree.parse("\"\\u00e9\\ud83d\\ude00\\n\\\"\""));
        assertEquals("日本", JsonTree.parse("\"日本\""));
    }

    @Test
    void lastDuplicateWins() {
        Map<String, Object> m = JsonTree.parseObject("{\"a\":1,\"b\":2,\"a\":3}");
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(3L, m.get("a"));
    }

    @Test
    void refusesInvalidJsonAndNonObjects() {
        assertEquals("invalid JSON at byte 3: expected a value",
                assertThrows(JsonException.class, () -> JsonTree.parse("[1,]")).getMessage());
        assertEquals("expected a JSON object",
                assertThrows(JsonException.class, () -> JsonTree.parseObject("[1]")).getMessage());
        assertThrows(JsonException.class, () -> JsonTree.parse("[".repeat(100_000)));
    }

    @Test
    void returnsUnmodifiableCollections() {
        Map<String, Object> m = JsonTree.parseObject("{\"l\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) m.get("l")).clear());
    }

    @Test
    void parsesMaximumDepth() {
        int depth = JsonValidator.MAX_DEPTH;
        Object tree = JsonTree.parse("[".repeat(depth) + "]".repeat(depth));
        for (int i = 1; i < depth; i++) {
            tree = ((List<?>) tree).getFirst();
        }
        assertEquals(List.of(), tree);
    }

    @Test
    void readsWhatTheWriterWrites() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c);
        }
        String tricky = ascii + "é😀\u2028\ud800<>&";
        String json = new JsonWriter().beginObject()
                .name(tricky).value(tricky)
                .name("n").value(-12)
                .name("d").value(0.25)
                .endObject().toString();
        Map<String, Object> m = JsonTree.parseObject(json);
        assertEquals(tricky, m.get(tricky));
        assertEquals(-12L, m.get("n"));
        assertEquals(new BigDecimal("0.25"), m.get("d"));
    }
}
