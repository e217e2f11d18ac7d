package dev.hive.relay.gate;

import dev.hive.relay.gate.Hrt1.Accepted;
import dev.hive.relay.gate.Hrt1.Refusal;
import dev.hive.relay.gate.Hrt1.Refused;
import dev.hive.relay.gate.Hrt1.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class Hrt1Test {

    static final String VECTOR_TOKEN = "hrt1.eyJzdWIiOiJyZWFkZXIiLCJwbGFuIjoiIiwiZXhwIjowLCJtYXhfbWVtYmVycyI6bnVsbCwicmV0ZW50aW9uX2RheXMiOm51bGwsInR1cm4iOmZhbHNlLCJjYXBzIjpbXX0"
            + ".RW_pk26QmdlV2YWXkC4CcH0MFrX0Gqh1q03KQzJv2xvcy0N4IaVGo6I7IHKDVVtUmVkvjB1Vf6uOtdI3p0vSDw";
    static final Claims VECTOR_CLAIMS = new Claims("reader", "", 0, null, null, false, List.of());
    private static final long NOW = 1_800_000_000L;

    private final KeyPair keys = Ed25519Keys.keyPairFromSeed(filled(0x07));
    private final PublicKey publicKey = keys.getPublic();
    private final PrivateKey privateKey = keys.getPrivate();

    private static byte[] filled(int value) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) value);
        return seed;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A correctly signed token around arbitrary claims bytes, to test claim decoding past the signature. */
    private String signedAround(String claimsJson) throws GeneralSecurityException {
        String signedPart = "hrt1." + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(signedPart.getBytes(StandardCharsets.US_ASCII));
        return signedPart + "." + b64(signer.sign());
    }

    private Refusal refusal(String token) {
        return assertInstanceOf(Refused.class, Hrt1.verify(token, publicKey, NOW)).reason();
    }

    private Claims accepted(String token, long now) {
        return assertInstanceOf(Accepted.class, Hrt1.verify(token, publicKey, now)).claims();
    }

    @Test
    void mintsTheTestVectorByteForByte() {
        assertEquals(VECTOR_TOKEN, Hrt1.mint(VECTOR_CLAIMS, privateKey));
        assertEquals(VECTOR_TOKEN, Hrt1.mint(VECTOR_CLAIMS, Ed25519Keys.privateKey(filled(0x07))));
    }

    @Test
    void acceptsTheTestVector() {
        assertEquals(VECTOR_CLAIMS, accepted(VECTOR_TOKEN, NOW));
        PublicKey fromHex = Ed25519Keys.publicKey(Ed25519Keys.decodePublicKey(
                "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"));
        assertInstanceOf(Accepted.class, Hrt1.verify(VECTOR_TOKEN, fromHex, NOW));
    }

    @Test
    void roundTripsEveryClaim() {
        Claims claims = new Claims("team-7", "pro \"plus\" é", NOW + 60, 25L, 90L, true, List.of("turn", "admin"));
        String token = Hrt1.mint(claims, privateKey);
        assertEquals(claims, accepted(token, NOW));
    }

    @Test
    void refusesTamperedClaims() {
        String forged = VECTOR_TOKEN.replace(b64("{\"sub\":\"reader\"".getBytes(StandardCharsets.UTF_8)).substring(0, 16),
                b64("{\"sub\":\"writer\"".getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        assertNotEquals(VECTOR_TOKEN, forged);
        assertEquals(Refusal.BAD_SIGNATURE, refusal(forged));
    }

    @Test
    void refusesClaimsSwappedFromAnotherToken() {
        String other = Hrt1.mint(new Claims("admin", "", 0, null, null, true, List.of()), privateKey);
        String mixed = other.substring(0, other.lastIndexOf('.')) + VECTOR_TOKEN.substring(VECTOR_TOKEN.lastIndexOf('.'));
        assertEquals(Refusal.BAD_SIGNATURE, refusal(mixed));
    }

    @Test
    void refusesTamperedSignature() {
        int dot = VECTOR_TOKEN.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(VECTOR_TOKEN.substring(dot + 1));
        signature[10] ^= 1;
        assertEquals(Refusal.BAD_SIGNATURE, refusal(VECTOR_TOKEN.substring(0, dot + 1) + b64(signature)));
        assertEquals(Refusal.BAD_SIGNATURE, refusal(VECTOR_TOKEN.substring(0, dot + 1) + b64(new byte[64])));
    }

    @Test
    void refusesAnotherKey() {
        PublicKey stranger = Ed25519Keys.keyPairFromSeed(filled(0x08)).getPublic();
        assertEquals(Refusal.BAD_SIGNATURE,
                assertInstanceOf(Refused.class, Hrt1.verify(VECTOR_TOKEN, stranger, NOW)).reason());
    }

    @Test
    void expiresAtExp() {
        String token = Hrt1.mint(new Claims("a", "", NOW, null, null, false, List.of()), privateKey);
        assertEquals("a", accepted(token, NOW - 1).sub());
        assertEquals(Refusal.EXPIRED, assertInstanceOf(Refused.class, Hrt1.verify(token, publicKey, NOW)).reason());
        assertEquals(Refusal.EXPIRED, assertInstanceOf(Refused.class, Hrt1.verify(token, publicKey, NOW + 1)).reason());
    }

    @Test
    void expZeroNeverExpires() {
        assertEquals(0, accepted(VECTOR_TOKEN, Long.MAX_VALUE).exp());
    }

    @Test
    void expiryIsCheckedOnlyForGenuineTokens() {
        String expired = Hrt1.mint(new Claims("a", "", 1, null, null, false, List.of()), privateKey);
        PublicKey stranger = Ed25519Keys.keyPairFromSeed(filled(0x09)).getPublic();
        assertEquals(Refusal.BAD_SIGNATURE, assertInstanceOf(Refused.class, Hrt1.verify(expired, stranger, NOW)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "hrt1",
            "hrt1.",
            "hrt1..",
            "hrt1.eyJzdWIiOiJyZWFkZXIifQ",                                   // two parts
            "hrt2.eyJzdWIiOiJyZWFkZXIifQ.AAAA",                             // wrong prefix
            "HRT1.eyJzdWIiOiJyZWFkZXIifQ.AAAA",
            ".eyJzdWIiOiJyZWFkZXIifQ.AAAA",
            "xhrt1.eyJzdWIiOiJyZWFkZXIifQ.AAAA",
    })
    void refusesMalformedShapes(String token) {
        assertEquals(Refusal.MALFORMED, refusal(token));
    }

    @Test
    void refusesWrongPartCountsAroundAGenuineToken() {
        assertEquals(Refusal.MALFORMED, refusal(VECTOR_TOKEN + ".extra"));
        assertEquals(Refusal.MALFORMED, refusal(VECTOR_TOKEN.substring(0, VECTOR_TOKEN.lastIndexOf('.'))));
        assertEquals(Refusal.MALFORMED, refusal("hrt1.x." + VECTOR_TOKEN.substring(5)));
        assertEquals(Refusal.MALFORMED, refusal(" " + VECTOR_TOKEN));
        assertEquals(Refusal.MALFORMED, refusal(null));
    }

    @Test
    void refusesBadBase64() {
        int dot = VECTOR_TOKEN.lastIndexOf('.');
        String claims = VECTOR_TOKEN.substring(5, dot);
        String signature = VECTOR_TOKEN.substring(dot + 1);
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims + "." + signature + "=="));           // padded
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims + "=." + signature));                // padded claims
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims + "." + signature.replace('_', '/'))); // std alphabet
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims.replace('J', '+') + "." + signature));
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims + "." + signature.substring(0, 40) + "!" + signature.substring(41)));
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims + "." + signature + "A"));             // 87 chars: bad length
        // The last character carries spare low bits: 'w' → 'x' changes no byte, yet it is another spelling.
        assertEquals('w', signature.charAt(signature.length() - 1));
        assertEquals(Refusal.MALFORMED, refusal("hrt1." + claims + "." + signature.substring(0, signature.length() - 1) + "x"));
    }

    @Test
    void refusesSignaturesThatAreNot64Bytes() {
        int dot = VECTOR_TOKEN.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(VECTOR_TOKEN.substring(dot + 1));
        String prefix = VECTOR_TOKEN.substring(0, dot + 1);
        assertEquals(Refusal.MALFORMED, refusal(prefix + b64(Arrays.copyOf(signature, 63))));
        assertEquals(Refusal.MALFORMED, refusal(prefix + b64(Arrays.copyOf(signature, 65))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "",
            "[\"reader\"]",
            "\"reader\"",
            "{\"sub\":\"reader\",\"exp\":0",
            "{\"sub\":\"reader\",\"exp\":0} x",
            "{\"exp\":0}",
            "{\"sub\":\"reader\"}",
            "{\"sub\":7,\"exp\":0}",
            "{\"sub\":null,\"exp\":0}",
            "{\"sub\":\"reader\",\"exp\":\"0\"}",
            "{\"sub\":\"reader\",\"exp\":1.5}",
            "{\"sub\":\"reader\",\"exp\":null}",
            "{\"sub\":\"reader\",\"exp\":99999999999999999999}",
            "{\"sub\":\"reader\",\"exp\":0,\"plan\":null}",
            "{\"sub\":\"reader\",\"exp\":0,\"max_members\":\"5\"}",
            "{\"sub\":\"reader\",\"exp\":0,\"retention_days\":2.5}",
            "{\"sub\":\"reader\",\"exp\":0,\"turn\":\"true\"}",
            "{\"sub\":\"reader\",\"exp\":0,\"turn\":null}",
            "{\"sub\":\"reader\",\"exp\":0,\"caps\":\"turn\"}",
            "{\"sub\":\"reader\",\"exp\":0,\"caps\":[1]}",
            "{\"sub\":\"reader\",\"exp\":0,\"caps\":null}",
    })
    void refusesGenuinelySignedButUnusableClaims(String claimsJson) throws GeneralSecurityException {
        assertEquals(Refusal.MALFORMED, refusal(signedAround(claimsJson)));
    }

    @Test
    void toleratesUnknownAndOmittedOptionalClaims() throws GeneralSecurityException {
        Claims minimal = accepted(signedAround("{\"exp\":0,\"sub\":\"x\",\"future\":{\"a\":[1]}}"), NOW);
        assertEquals(new Claims("x", "", 0, null, null, false, List.of()), minimal);
        Claims spaced = accepted(signedAround("{ \"sub\" : \"x\" , \"exp\" : 5 , \"max_members\" : 3 , \"caps\" : [ \"a\" ] }"), 4);
        assertEquals(new Claims("x", "", 5, 3L, null, false, List.of("a")), spaced);
    }

    @Test
    void acceptsAGenuineTokenWithUnpaddableLengths() {
        // Claims and signatures of every length modulo 3 must round-trip through unpadded base64url.
        for (String sub : List.of("a", "ab", "abc")) {
            Claims claims = new Claims(sub, "", 0, null, null, false, List.of());
            assertEquals(claims, accepted(Hrt1.mint(claims, privateKey), NOW));
        }
    }
}
