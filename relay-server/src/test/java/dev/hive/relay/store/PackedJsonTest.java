package dev.hive.relay.store;

import dev.hive.relay.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packed bodies unpack to exactly the posted bytes, whatever they hold, and Hive's envelopes shrink. */
class PackedJsonTest {

    @Test
    void hiveEnvelopesComeBackByteForByteInAboutAThirdOfTheirSize() throws IOException {
        for (Path file : Fixtures.hiveEnvelopeFiles()) {
            byte[] json = Files.readAllBytes(file);
            PackedJson packed = assertRoundTrip(json);
            assertTrue(packed.length() < json.length * 0.4,
                    file.getFileName() + ": " + json.length + " bytes packed to " + packed.length());
        }
    }

    @Test
    void onlyCanonicalByteValuesJoinARunAndEveryOtherSpellingStaysAsText() {
        String eleven = "1,2,3,4,5,6,7,8,9,10,11";
        assertEquals(2 + 12 + 2, assertRoundTrip(text("[" + eleven + "]")).length(), "text, numbers, text: a header each");
        assertEquals(1 + 22, assertRoundTrip(text("[1,2,3,4,5,6,7,8,9,10]")).length(), "ten numbers stay text");
        for (String spelling : new String[] {
                "[" + eleven + ",256," + eleven + "]",      // over a byte
                "[" + eleven + ",007," + eleven + "]",      // leading zeros
                "[" + eleven + ",1234," + eleven + "]",     // four digits
                "[" + eleven + ",-5," + eleven + "]",       // a sign
                "[" + eleven + ",1.5,2e3," + eleven + "]",  // fractions and exponents
                "[" + eleven + ", 12 ," + eleven + "]",     // whitespace
                "[" + eleven + ",," + eleven + ",]",        // stray commas
                "\"" + eleven + "\"",                       // inside a string
                eleven,                                     // at both ends of the text
                "[0,0,0,0,0,0,0,0,0,0,0,0,255,255,255]",
                "[]", "0", "",
                "{\"naïve\":\"日本\",\"n\":[" + eleven + "]}",
        }) {
            assertRoundTrip(text(spelling));
        }
    }

    @Test
    void randomTextOverTheCharactersThatMatterRoundTripsAndNeverGrowsByMoreThanOneHeader() {
        Random random = new Random(42);
        byte[] alphabet = "0123456789,,,,[]-. \"a".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++) {
            byte[] json = new byte[random.nextInt(200)];
            for (int j = 0; j < json.length; j++) {
                json[j] = alphabet[random.nextInt(alphabet.length)];
            }
            assertRoundTrip(json);
        }
        for (int i = 0; i < 2_000; i++) {
            StringBuilder numbers = new StringBuilder();
            for (int j = random.nextInt(300); j > 0; j--) {
                String number = switch (random.nextInt(40)) {
                    case 0 -> "x";
                    case 1 -> "0" + random.nextInt(300);
                    case 2 -> "-" + random.nextInt(300);
                    default -> Integer.toString(random.nextInt(300));
                };
                numbers.append(number).append(random.nextInt(30) == 0 ? "" : ",");
            }
            assertRoundTrip(text(numbers.toString()));
        }
    }

    @Test
    void longSegmentsTakeMultiByteHeaders() {
        StringBuilder text = new StringBuilder("\"");
        text.append("x".repeat(70_000)).append("\",[");
        for (int i = 0; i < 20_000; i++) {
            text.append(i == 0 ? "" : ",").append(i % 256);
        }
        PackedJson packed = assertRoundTrip(text(text.append("]").toString()));
        assertEquals(3 + 70_004 + 3 + 20_000 + 2, packed.length(), "three-byte headers for 70,004 and 20,000 bytes");
    }

    private static PackedJson assertRoundTrip(byte[] json) {
        PackedJson packed = PackedJson.pack(json);
        assertEquals(json.length, packed.jsonLength());
        assertTrue(packed.length() <= json.length + PackedJson.MAX_HEADER,
                () -> json.length + " bytes packed to " + packed.length());
        int offset = 3;
        ByteBuffer memory = ByteBuffer.allocateDirect(offset + packed.length());
        packed.copyTo(memory, offset);
        byte[] out = new byte[json.length + 2];
        int end = PackedJson.unpack(memory, offset, packed.length(), out, 1);
        assertEquals(1 + json.length, end, () -> new String(json, StandardCharsets.UTF_8));
        byte[] unpacked = java.util.Arrays.copyOfRange(out, 1, end);
        assertArrayEquals(json, unpacked, () -> new String(json, StandardCharsets.UTF_8) + " came back as "
                + new String(unpacked, StandardCharsets.UTF_8));
        return packed;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
