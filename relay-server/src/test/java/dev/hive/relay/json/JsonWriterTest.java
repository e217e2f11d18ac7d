package dev.hive.relay.json;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {

    @Test
    void placesCommasAndColons() {
        String json = new JsonWriter().beginObject()
                .name("seq").value(3)
                .name("items").beginArray().value(1).value("two").beginObject().endObject().beginArray().endArray().endArray()
                .name("ok").value(true)
                .name("no").value(false)
                .name("none").nullValue()
                .name("empty").beginObject().endObject()
                .endObject().toString();
        assertEquals("{\"seq\":3,\"items\":[1,\"two\",{},[]],\"ok\":true,\"no\":false,\"none\":null,\"empty\":{}}", json);
    }

    @Test
    void writesTopLevelScalars() {
        assertEquals("-9223372036854775808", new JsonWriter().value(Long.MIN_VALUE).toString());
        assertEquals("null", new JsonWriter().value((String) null).toString());
        assertEquals("1.5", new JsonWriter().value(1.5).toString());
        assertEquals("1.0E-7", new JsonWriter().value(1e-7).toString());
        assertNull(JsonValidator.problem(new JsonWriter().value(1e300).toByteArray()));
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().value(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().value(Double.POSITIVE_INFINITY));
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        assertEquals("\"a\\\"b\\\\c/d\\be\\ff\\ng\\rh\\ti\\u0000\\u001f\\u0001\u007f<>&\"",
                JsonWriter.quote("a\"b\\c/d\be\ff\ng\rh\ti\u0000\u001f\u0001\u007f<>&"));
    }

    @Test
    void encodesUnicodeAsUtf8() {
        byte[] bytes = new JsonWriter().value("é日😀").toByteArray();
        assertArrayEquals("\"é日😀\"".getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void escapesLoneSurrogatesSoTheOutputStaysValidUtf8() {
        assertEquals("\"\\ud800x\\udfff\"", JsonWriter.quote("\ud800x\udfff"));
        assertEquals("\"\\ude00\\ud83d\"", JsonWriter.quote("\ude00\ud83d"));
        assertNull(JsonValidator.problem(JsonWriter.quote("\ud800").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void quotesEveryCharacterIntoValidJsonThatDecodesBack() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x3000 ? 1 : 97) {
            all.appendCodePoint(cp);
        }
        String quoted = JsonWriter.quote(all.toString());
        assertNull(JsonValidator.problem(quoted.getBytes(StandardCharsets.UTF_8)));
        assertEquals(all.toString(), JsonTree.parse(quoted));
    }

    @Test
    void insertsRawValuesVerbatim() throws IOException {
        byte[] stored = "{ \"ciphertext\" : [1, 2] }".getBytes(StandardCharsets.UTF_8);
        JsonWriter writer = new JsonWriter().beginArray()
                .beginObject().name("seq").value(1).name("body").rawValue(stored).endObject()
                .beginObject().name("seq").value(2).name("body").rawValue("[ ]").endObject()
                .rawValue(new byte[] {'x', '7', 'y'}, 1, 1)
                .endArray();
        String expected = "[{\"seq\":1,\"body\":{ \"ciphertext\" : [1, 2] }},{\"seq\":2,\"body\":[ ]},7]";
        assertEquals(expected, writer.toString());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        writer.writeTo(sink);
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), sink.toByteArray());
    }

    @Test
    void growsForLargeDocuments() {
        JsonWriter writer = new JsonWriter().beginArray();
        for (int i = 0; i < 100_000; i++) {
            writer.value(i);
        }
        byte[] bytes = writer.endArray().toByteArray();
        assertNull(JsonValidator.problem(bytes));
        assertEquals(100_000, ((List<?>) JsonTree.parse(new String(bytes, StandardCharsets.UTF_8))).size());
    }

    @Test
    void refusesMisuse() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").name("b"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().name("a"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().toByteArray());
    }

    @Test
    void nestsDeeply() {
        JsonWriter writer = new JsonWriter();
        for (int i = 0; i < 50; i++) {
            writer.beginArray();
        }
        for (int i = 0; i < 50; i++) {
            writer.endArray();
        }
        assertEquals("[".repeat(50) + "]".repeat(50), writer.toString());
    }
}
