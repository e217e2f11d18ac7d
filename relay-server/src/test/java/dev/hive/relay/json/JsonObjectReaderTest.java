package dev.hive.relay.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonObjectReaderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonSlice only(String valueJson) {
        return JsonObjectReader.read("{\"v\":" + valueJson + "}").get("v");
    }

    private static String failure(Runnable action) {
        return assertThrows(JsonException.class, action::run).getMessage();
    }

    @Test
    void keepsNestedValuesByteForByte() {
        String data = "{ \"x\" : [1, 2.50 ,\"\\u00e9\"] ,\n\t\"y\":\"é😀\" }";
        Map<String, JsonSlice> presence = JsonObjectReader.read(utf8("{\"device_id\":\"dev-1\", \"data\" : " + data + " }"));
        assertEquals(List.of("device_id", "data"), List.copyOf(presence.keySet()));
        assertEquals("dev-1", presence.get("device_id").asString());
        assertArrayEquals(utf8(data), presence.get("data").raw());
        assertEquals(data, presence.get("data").rawText());
        assertEquals(JsonSlice.Kind.OBJECT, presence.get("data").kind());
    }

    @Test
    void reportsTheKindOfEachValue() {
        Map<String, JsonSlice> m = JsonObjectReader.read(
                "{\"o\":{},\"a\":[],\"s\":\"\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null}");
        assertEquals(List.of(JsonSlice.Kind.OBJECT, JsonSlice.Kind.ARRAY, JsonSlice.Kind.STRING,
                        JsonSlice.Kind.NUMBER, JsonSlice.Kind.TRUE, JsonSlice.Kind.FALSE, JsonSlice.Kind.NULL),
                m.values().stream().map(JsonSlice::kind).toList());
        assertTrue(m.get("z").isNull());
        assertFalse(m.get("s").isNull());
        assertTrue(m.get("t").asBoolean());
        assertFalse(m.get("f").asBoolean());
    }

    @Test
    void decodesStrings() {
        assertEquals("a\"b\\c/d\be\ff\ng\rh\ti", only("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"").asString());
        assertEquals("😀", only("\"\\ud83d\\ude00\"").asString());
        assertEquals("😀 é 日本", only("\"😀 \\u00E9 日本\"").asString());
        assertEquals("\ud800x", only("\"\\ud800x\"").asString());
        assertEquals("", only("\"\"").asString());
        assertEquals("\u0000", only("\"\\u0000\"").asString());
    }

    @Test
    void decodesMemberNamesWithEscapes() {
        Map<String, JsonSlice> m = JsonObjectReader.read("{\"a\\u0062\\n\":1}");
        assertEquals(List.of("ab\n"), List.copyOf(m.keySet()));
    }

    @Test
    void readsIntegersExactly() {
        assertEquals(600, only("600").asLong());
        assertEquals(-5, only("-5").asLong());
        assertEquals(0, only("-0").asLong());
        assertEquals(Long.MAX_VALUE, only("9223372036854775807").asLong());
        assertEquals(Long.MIN_VALUE, only("-9223372036854775808").asLong());
        assertEquals("integer out of range", failure(() -> only("9223372036854775808").asLong()));
        assertEquals("integer out of range", failure(() -> only("-9223372036854775809").asLong()));
        assertEquals("expected an integer, got 1.5", failure(() -> only("1.5").asLong()));
        assertEquals("expected an integer, got 1e3", failure(() -> only("1e3").asLong()));
        assertEquals("expected an integer, got 2.0", failure(() -> only("2.0").asLong()));
        assertEquals("expected an integer, got a string", failure(() -> only("\"5\"").asLong()));
        assertEquals("expected an integer, got null", failure(() -> only("null").asLong()));
    }

    @Test
    void refusesWrongKinds() {
        assertEquals("expected a string, got a number", failure(() -> only("5").asString()));
        assertEquals("expected a string, got an object", failure(() -> only("{}").asString()));
        assertEquals("expected a boolean, got a string", failure(() -> only("\"true\"").asBoolean()));
        assertEquals("expected a boolean, got null", failure(() -> only("null").asBoolean()));
    }

    @Test
    void readsStringLists() {
        assertEquals(List.of("a", "bA", "😀"), only("[ \"a\" , \"b\\u0041\",\"😀\" ]").asStringList());
        assertEquals(List.of(), only("[]").asStringList());
        assertEquals(List.of(), only("[ \n ]").asStringList());
        assertEquals("expected an array of strings", failure(() -> only("[\"a\",1]").asStringList()));
        assertEquals("expected an array of strings", failure(() -> only("[[\"a\"]]").asStringList()));
        assertEquals("expected an array of strings, got a string", failure(() -> only("\"a\"").asStringList()));
        assertThrows(UnsupportedOperationException.class, () -> only("[\"a\"]").asStringList().add("b"));
    }

    @Test
    void readsPairingBodies() {
        Map<String, JsonSlice> m = JsonObjectReader.read("{\"payload\":\"abc\",\"ttl_secs\":null}");
        assertEquals("abc", m.get("payload").asString());
        assertTrue(m.get("ttl_secs").isNull());
        assertEquals(120, JsonObjectReader.read("{\"payload\":\"abc\",\"ttl_secs\":120}").get("ttl_secs").asLong());
    }

    @Test
    void lastDuplicateWinsAtItsOwnPosition() {
        Map<String, JsonSlice> m = JsonObjectReader.read("{\"a\":1,\"b\":2,\"a\":{\"c\":3}}");
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals("{\"c\":3}", m.get("a").rawText());
    }

    @Test
    void refusesNonObjectsAndInvalidJson() {
        assertEquals("expected a JSON object", failure(() -> JsonObjectReader.read("[1]")));
        assertEquals("expected a JSON object", failure(() -> JsonObjectReader.read(" \"x\" ")));
        assertEquals("invalid JSON at byte 5: expected ':'", failure(() -> JsonObjectReader.read("{\"a\" 1}")));
        assertEquals("empty body", failure(() -> JsonObjectReader.read(new byte[0])));
        assertEquals("trailing data after the JSON value at byte 2", failure(() -> JsonObjectReader.read("{}{}")));
        assertEquals("invalid UTF-8 at byte 6",
                failure(() -> JsonObjectReader.read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'})));
    }

    @Test
    void readsARangeAndCopiesIt() {
        byte[] buf = utf8("xx{\"k\":[\"v\"]}yy");
        Map<String, JsonSlice> m = JsonObjectReader.read(buf, 2, buf.length - 4);
        buf[9] = 'W'; // the caller reuses its buffer
        assertEquals(List.of("v"), m.get("k").asStringList());
        assertEquals("[\"v\"]", m.get("k").rawText());
    }

    @Test
    void returnsAnUnmodifiableMap() {
        Map<String, JsonSlice> m = JsonObjectReader.read("{ }");
        assertTrue(m.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> m.remove("x"));
    }

    @Test
    void rawIsACopy() {
        JsonSlice slice = only("[1]");
        slice.raw()[0] = 'x';
        assertEquals("[1]", slice.rawText());
        assertEquals("[1]", slice.toString());
    }
}
