package dev.hive.relay.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JsonValidatorTest {

    private static final Path FIXTURES = Path.of("/work/shared/fixtures/hive-envelopes");

    /** Raw bytes from a string whose chars are all below 256 (ISO-8859-1 maps them 1:1). */
    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String problem(byte[] b) {
        String problem = JsonValidator.problem(b);
        assertEquals(problem == null, JsonValidator.isValid(b), "isValid and problem disagree");
        return problem;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0", "-0", "7", "-12", "1.5", "-0.0", "1e5", "1E+5", "1e-5", "0.5e05", "-123.456E-789",
            "\"\"", "\"x\"", "true", "false", "null", "[]", "{}", "[[]]", "{\"\":{}}",
            " \t\r\n[ 1 , 2 ]\n ", "[1,\"a\",true,false,null,{},[]]",
            "{\"a\":{\"b\":[null,true,false,\"\\u00e9\\n\"]},\"c\":-1}",
            "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uFFFF\\uabcd\"",
            "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"",
            "\"\u007f\"", "\"é 日本 😀 \uFFFD\"", "{\"é\":\"😀\"}",
            "[1e10,0.5,-0e0,0E-0]",
    })
    void acceptsValidJson(String json) {
        assertNull(problem(json.getBytes(StandardCharsets.UTF_8)), json);
    }

    static Stream<Arguments> invalidJson() {
        return Stream.of(
                Arguments.of("", "empty body"),
                Arguments.of(" \n\t\r ", "empty body"),
                Arguments.of("[1,]", "invalid JSON at byte 3: expected a value"),
                Arguments.of("{\"a\" 1}", "invalid JSON at byte 5: expected ':'"),
                Arguments.of("{\"a\":1,}", "invalid JSON at byte 7: expected a member name in double quotes"),
                Arguments.of("{1:2}", "invalid JSON at byte 1: expected a member name in double quotes"),
                Arguments.of("{,}", "invalid JSON at byte 1: expected a member name in double quotes"),
                Arguments.of("[1 2]", "invalid JSON at byte 3: expected ',' or ']'"),
                Arguments.of("{\"a\":1 \"b\":2}", "invalid JSON at byte 7: expected ',' or '}'"),
                Arguments.of("[1}", "invalid JSON at byte 2: expected ',' or ']'"),
                Arguments.of("{\"a\":1]", "invalid JSON at byte 6: expected ',' or '}'"),
                Arguments.of("\"\\u00\"", "invalid JSON at byte 1: invalid escape sequence"),
                Arguments.of("\"\\u12G4\"", "invalid JSON at byte 1: invalid escape sequence"),
                Arguments.of("\"\\x\"", "invalid JSON at byte 1: invalid escape sequence"),
                Arguments.of("\"\\U0041\"", "invalid JSON at byte 1: invalid escape sequence"),
                Arguments.of("\"\\u00", "invalid JSON at byte 0: unterminated string"),
                Arguments.of("\"abc", "invalid JSON at byte 0: unterminated string"),
                Arguments.of("[\"abc\\", "invalid JSON at byte 1: unterminated string"),
                Arguments.of("01", "invalid JSON at byte 0: leading zeros are not allowed"),
                Arguments.of("[-01]", "invalid JSON at byte 1: leading zeros are not allowed"),
                Arguments.of("-", "invalid JSON at byte 1: expected a digit"),
                Arguments.of("-a", "invalid JSON at byte 1: expected a digit"),
                Arguments.of("1e", "invalid JSON at byte 2: expected a digit"),
                Arguments.of("1e+", "invalid JSON at byte 3: expected a digit"),
                Arguments.of("1.", "invalid JSON at byte 2: expected a digit"),
                Arguments.of("1.e5", "invalid JSON at byte 2: expected a digit"),
                Arguments.of("[1.]", "invalid JSON at byte 3: expected a digit"),
                Arguments.of(".5", "invalid JSON at byte 0: expected a value"),
                Arguments.of("+1", "invalid JSON at byte 0: expected a value"),
                Arguments.of("0x10", "trailing data after the JSON value at byte 1"),
                Arguments.of("NaN", "invalid JSON at byte 0: expected a value"),
                Arguments.of("[Infinity]", "invalid JSON at byte 1: expected a value"),
                Arguments.of("'a'", "invalid JSON at byte 0: expected a value"),
                Arguments.of("[", "invalid JSON at byte 1: unexpected end of input"),
                Arguments.of("[1,2", "invalid JSON at byte 4: unexpected end of input"),
                Arguments.of("{\"a\"", "invalid JSON at byte 4: unexpected end of input"),
                Arguments.of("{\"a\":", "invalid JSON at byte 5: unexpected end of input"),
                Arguments.of("{", "invalid JSON at byte 1: unexpected end of input"),
                Arguments.of("tru", "invalid JSON at byte 0: invalid literal"),
                Arguments.of("truE", "invalid JSON at byte 0: invalid literal"),
                Arguments.of("[nul]", "invalid JSON at byte 1: invalid literal"),
                Arguments.of("falsey", "trailing data after the JSON value at byte 5"),
                Arguments.of("{} x", "trailing data after the JSON value at byte 3"),
                Arguments.of("{}{}", "trailing data after the JSON value at byte 2"),
                Arguments.of("1 2", "trailing data after the JSON value at byte 2"),
                Arguments.of("1\u0000", "trailing data after the JSON value at byte 1"),
                Arguments.of("\u0000", "invalid JSON at byte 0: expected a value"),
                Arguments.of("\"a\u0000b\"", "invalid JSON at byte 2: control character in string must be escaped"),
                Arguments.of("[\"\u0001\"]", "invalid JSON at byte 2: control character in string must be escaped"),
                Arguments.of("\"tab\there\"", "invalid JSON at byte 4: control character in string must be escaped"),
                Arguments.of("\"line\n\"", "invalid JSON at byte 5: control character in string must be escaped"),
                Arguments.of("\u00EF\u00BB\u00BF{}", "invalid JSON at byte 0: byte order mark is not allowed"),
                Arguments.of(" \u00EF\u00BB\u00BF1", "invalid JSON at byte 1: byte order mark is not allowed"),
                Arguments.of("\f1", "invalid JSON at byte 0: expected a value"),
                Arguments.of("[1,\u00A0 2]", "invalid UTF-8 at byte 3"),
                Arguments.of("[\u00C3\u00A9]", "invalid JSON at byte 1: expected a value"),
                // UTF-8 inside strings
                Arguments.of("\"\u00C0\u0080\"", "invalid UTF-8 at byte 1"),             // overlong NUL
                Arguments.of("\"\u00C1\u00BF\"", "invalid UTF-8 at byte 1"),             // overlong 2-byte
                Arguments.of("\"\u00E0\u0080\u00AF\"", "invalid UTF-8 at byte 1"),       // overlong 3-byte '/'
                Arguments.of("\"\u00F0\u0080\u0080\u00AF\"", "invalid UTF-8 at byte 1"), // overlong 4-byte
                Arguments.of("\"\u00ED\u00A0\u0080\"", "invalid UTF-8 at byte 1"),       // U+D800 encoded
                Arguments.of("\"\u00ED\u00BF\u00BF\"", "invalid UTF-8 at byte 1"),       // U+DFFF encoded
                Arguments.of("\"\u00F4\u0090\u0080\u0080\"", "invalid UTF-8 at byte 1"), // U+110000
                Arguments.of("\"\u00F5\u0080\u0080\u0080\"", "invalid UTF-8 at byte 1"),
                Arguments.of("\"\u00FF\"", "invalid UTF-8 at byte 1"),
                Arguments.of("\"\u00FE\"", "invalid UTF-8 at byte 1"),
                Arguments.of("\"a\u0080\"", "invalid UTF-8 at byte 2"),                 // lone continuation
                Arguments.of("\"\u00BF\"", "invalid UTF-8 at byte 1"),
                Arguments.of("\"\u00C3\"", "invalid UTF-8 at byte 1"),                  // truncated before quote
                Arguments.of("\"\u00E2\u0082\"", "invalid UTF-8 at byte 1"),
                Arguments.of("\"\u00F0\u009F\u0098\"", "invalid UTF-8 at byte 1"),
                Arguments.of("\"\u00C3", "invalid UTF-8 at byte 1"),                    // truncated at end
                Arguments.of("\"\u00C3\u00A9\u00C3\u0028\"", "invalid UTF-8 at byte 3"),
                // UTF-8 outside strings
                Arguments.of("[\u0080]", "invalid UTF-8 at byte 1"),
                Arguments.of("{\"a\":1}\u00C0", "trailing data after the JSON value at byte 7"),
                Arguments.of("{\u00ED\u00A0\u0080:1}", "invalid UTF-8 at byte 1")
        );
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void refusesInvalidJsonWithAPreciseReason(String latin1, String expected) {
        assertEquals(expected, problem(bytes(latin1)));
    }

    @Test
    void positionsCountFromTheOffset() {
        byte[] buf = bytes("xx{\"a\" 1}yy");
        assertEquals("invalid JSON at byte 5: expected ':'", JsonValidator.problem(buf, 2, 7));
        assertNull(JsonValidator.problem(bytes("garbage[1,2]garbage"), 7, 5));
        assertTrue(JsonValidator.isValid(bytes("garbage[1,2]garbage"), 7, 5));
        assertEquals("empty body", JsonValidator.problem(buf, 4, 0));
        // The value must not run past len even if the array continues.
        assertEquals("invalid JSON at byte 3: unexpected end of input", JsonValidator.problem(bytes("[1,2]"), 0, 3));
    }

    @Test
    void rejectsBadBounds() {
        assertThrows(IndexOutOfBoundsException.class, () -> JsonValidator.isValid(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> JsonValidator.problem(new byte[4], -1, 2));
    }

    @Test
    void acceptsExactlyMaxDepth() {
        int depth = JsonValidator.MAX_DEPTH;
        assertNull(problem(bytes("[".repeat(depth) + "]".repeat(depth))));
        assertNull(problem(bytes("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
        assertEquals("invalid JSON at byte 1000: nesting deeper than 1000 levels",
                problem(bytes("[".repeat(depth + 1) + "]".repeat(depth + 1))));
        assertEquals("invalid JSON at byte 5000: nesting deeper than 1000 levels",
                problem(bytes("{\"a\":".repeat(depth) + "{}" + "}".repeat(depth))));
    }

    @Test
    void mixedNestingClosesWithTheMatchingBracket() {
        // Crosses the 64-bit word boundary of the depth stack in both directions.
        String open = "[{\"k\":".repeat(40);
        String close = "}]".repeat(40);
        assertNull(problem(bytes(open + "1" + close)));
        String wrongClose = "]}".repeat(40);
        assertFalse(JsonValidator.isValid(bytes(open + "1" + wrongClose)));
        // One wrong bracket, first in the outermost levels, then in the deepest ones.
        assertFalse(JsonValidator.isValid(bytes(open + "1" + "}]".repeat(39) + "]}")));
        assertFalse(JsonValidator.isValid(bytes(open + "1" + "]}" + "}]".repeat(39))));
    }

    @Test
    void hostileDepthIsRefusedWithoutStackOverflow() {
        assertEquals("invalid JSON at byte 1000: nesting deeper than 1000 levels",
                problem(bytes("[".repeat(100_000) + "]".repeat(100_000))));
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) '[');
        assertEquals("invalid JSON at byte 1000: nesting deeper than 1000 levels", problem(tenMegabytes));
        // Alternating objects and arrays: the 1001st container opens at byte 3000.
        assertEquals("invalid JSON at byte 3000: nesting deeper than 1000 levels",
                problem(bytes("{\"a\":[".repeat(50_000))));
    }

    @Test
    void validatesFiveMegabyteEnvelopeQuickly() {
        byte[] body = envelopeOfAbout(5 * 1024 * 1024);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertNull(JsonValidator.problem(body)));
        body[body.length - 1] = ',';
        assertEquals("invalid JSON at byte " + body.length + ": unexpected end of input", problem(body));
    }

    /** A body shaped like a Hive envelope: a long JSON array of byte values. */
    private static byte[] envelopeOfAbout(int size) {
        Random random = new Random(42);
        StringBuilder json = new StringBuilder(size + 64).append("{\"ciphertext\":[");
        while (json.length() < size) {
            json.append(random.nextInt(256)).append(',');
        }
        json.append("0],\"nonce\":[1,2,3,4,5,6,7,8,9,10,11,12],\"version\":3}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void acceptsEveryScalarValueEncodedAsUtf8() {
        StringBuilder all = new StringBuilder("\"");
        for (int cp = 0x20; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp == '"' || cp == '\\' || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                continue;
            }
            all.appendCodePoint(cp);
        }
        byte[] json = all.append('"').toString().getBytes(StandardCharsets.UTF_8);
        assertNull(problem(json));
    }

    @Test
    void agreesWithTheJdkStrictUtf8DecoderOnRandomBytes() {
        Random random = new Random(7);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] content = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < content.length; i++) {
                // High bytes, plus 'a' so sequences get cut by ASCII too.
                content[i] = random.nextInt(5) == 0 ? (byte) 'a' : (byte) (0x80 + random.nextInt(128));
            }
            boolean jdkAccepts;
            try {
                decoder.decode(ByteBuffer.wrap(content));
                jdkAccepts = true;
            } catch (CharacterCodingException e) {
                jdkAccepts = false;
            }
            byte[] json = new byte[content.length + 2];
            json[0] = '"';
            System.arraycopy(content, 0, json, 1, content.length);
            json[json.length - 1] = '"';
            assertEquals(jdkAccepts, JsonValidator.isValid(json), () -> HexFormat.of().formatHex(content));
            rejected += jdkAccepts ? 0 : 1;
        }
        assertTrue(rejected > 1000 && rejected < 19_000, "the sample must hold both outcomes: " + rejected);
    }

    @Test
    void realHiveEnvelopesValidate() throws IOException {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present on this machine");
        List<Path> files;
        try (Stream<Path> listing = Files.list(FIXTURES)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assumeTrue(files.size() >= 2, "expected the two captured envelopes");
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            assertNull(JsonValidator.problem(body), file.toString());
            byte[] truncated = Arrays.copyOf(body, body.length / 2);
            assertFalse(JsonValidator.isValid(truncated), file.toString());
        }
    }

    @Test
    void doesNotTouchTheInput() {
        byte[] body = bytes("{\"a\":[1,2,{\"b\":\"c\"}]}");
        byte[] copy = body.clone();
        assertTrue(JsonValidator.isValid(body));
        assertArrayEquals(copy, body);
    }
}
