package dev.hive.relay.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ed25519KeysTest {

    private static final String VECTOR_PUBLIC_HEX = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c";

    private static byte[] seed(int value) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) value);
        return seed;
    }

    private static byte[] vectorPublicKey() {
        return HexFormat.of().parseHex(VECTOR_PUBLIC_HEX);
    }

    @Test
    void derivesTheTestVectorPublicKeyFromItsSeed() {
        KeyPair pair = Ed25519Keys.keyPairFromSeed(seed(0x07));
        assertEquals(VECTOR_PUBLIC_HEX, HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(pair.getPublic())));
    }

    @Test
    void rawPublicKeysRoundTripAndVerifyTheirOwnSignatures() throws GeneralSecurityException {
        boolean sawOddX = false;
        boolean sawEvenX = false;
        for (int i = 0; i < 24; i++) {
            KeyPair pair = Ed25519Keys.keyPairFromSeed(seed(i));
            byte[] raw = Ed25519Keys.rawPublicKey(pair.getPublic());
            sawOddX |= (raw[31] & 0x80) != 0;
            sawEvenX |= (raw[31] & 0x80) == 0;
            PublicKey decoded = Ed25519Keys.publicKey(raw);
            assertArrayEquals(raw, Ed25519Keys.rawPublicKey(decoded));
            assertArrayEquals(pair.getPublic().getEncoded(), decoded.getEncoded());

            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(Ed25519Keys.privateKey(seed(i)));
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(decoded);
            verifier.update(message);
            assertTrue(verifier.verify(signature), "seed " + i);
        }
        assertTrue(sawOddX && sawEvenX, "the sample must cover both x parities");
    }

    @Test
    void rawPublicKeyMatchesTheTailOfTheX509Encoding() throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        assertArrayEquals(Arrays.copyOfRange(x509, x509.length - 32, x509.length), Ed25519Keys.rawPublicKey(pair.getPublic()));
    }

    @Test
    void refusesKeysOfTheWrongSizeOrOffTheCurve() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.publicKey(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.privateKey(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.keyPairFromSeed(new byte[16]));
        byte[] yIsTwo = new byte[32];
        yIsTwo[0] = 2; // no curve point has y = 2
        assertEquals("not a valid Ed25519 public key (not a point on the curve)",
                assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.publicKey(yIsTwo)).getMessage());
    }

    @Test
    void refusesNonEd25519Keys() throws GeneralSecurityException {
        PublicKey rsa = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.rawPublicKey(rsa));
    }

    @Test
    void decodesHexInEitherCase() {
        assertArrayEquals(vectorPublicKey(), Ed25519Keys.decodePublicKey(VECTOR_PUBLIC_HEX));
        assertArrayEquals(vectorPublicKey(), Ed25519Keys.decodePublicKey(" " + VECTOR_PUBLIC_HEX.toUpperCase() + "\n"));
    }

    @Test
    void decodesEveryBase64Spelling() {
        // This key's base64 has both a '+'/'-' and a '/'/'_' character, so the alphabets differ.
        byte[] key = HexFormat.of().parseHex("fbff" + "00".repeat(30));
        String standard = Base64.getEncoder().encodeToString(key);
        String url = Base64.getUrlEncoder().encodeToString(key);
        assertTrue(standard.contains("+") && standard.contains("/") && url.contains("-") && url.contains("_"));
        for (String spelling : new String[] {standard, standard.replace("=", ""), url, url.replace("=", "")}) {
            assertArrayEquals(key, Ed25519Keys.decodePublicKey(spelling), spelling);
        }
        String vectorBase64 = Base64.getEncoder().encodeToString(vectorPublicKey());
        assertArrayEquals(vectorPublicKey(), Ed25519Keys.decodePublicKey(vectorBase64));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22",    // 63 hex
            "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c0",  // 65 hex
            "ga4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c",   // 64 chars, not hex
            "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0i",                        // 31 bytes
            "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iwA",                      // 33 bytes
            "6kpsY-KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw",                       // mixed alphabets
            "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw===",                    // too much padding
            "6kpsY+KcUgq+9VB7Ey7F+ZVHd=q6+vnuSQh7qaRRG0iw",                      // padding inside
            "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0i!=",                      // bad character
            "6kpsY+KcUgq+9VB7 Ey7F+ZVHdq6+vnuSQh7qaRRG0iw",                      // inner space
    })
    void refusesAnythingElseWithAReason(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.decodePublicKey(text));
        assertTrue(e.getMessage().startsWith("public key"), e.getMessage());
    }

    @Test
    void namesTheProblem() {
        assertEquals("public key must be 32 bytes (64 hex characters or base64), got 31 bytes",
                assertThrows(IllegalArgumentException.class,
                        () -> Ed25519Keys.decodePublicKey("6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0i")).getMessage());
        assertEquals("public key has 64 characters but is not hex",
                assertThrows(IllegalArgumentException.class,
                        () -> Ed25519Keys.decodePublicKey("z".repeat(64))).getMessage());
        assertEquals("public key is empty",
                assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.decodePublicKey(null)).getMessage());
    }
}
