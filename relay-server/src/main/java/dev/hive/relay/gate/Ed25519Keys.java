package dev.hive.relay.gate;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Conversions between raw 32-byte Ed25519 keys (RFC 8032 encoding) and JDK keys. */
public final class Ed25519Keys {

    /** Length of a raw public key and of a private seed. */
    public static final int KEY_BYTES = 32;

    private Ed25519Keys() {
    }

    /**
     * The JDK public key for a raw RFC 8032 encoding: little-endian y, with the top bit of the last
     * byte holding the parity of x.
     *
     * @throws IllegalArgumentException when the bytes are not 32 or not a point on the curve
     */
    public static PublicKey publicKey(byte[] raw) {
        requireLength(raw, "public key");
        byte[] bigEndianY = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndianY[i] = raw[KEY_BYTES - 1 - i];
        }
        boolean xOdd = (bigEndianY[0] & 0x80) != 0;
        bigEndianY[0] &= 0x7F;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndianY));
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
            // The JDK only checks the point when a verifier is initialised: do it now, not at the first token.
            Signature.getInstance("Ed25519").initVerify(key);
            return key;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key (not a point on the curve)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    /** The raw 32-byte RFC 8032 encoding of an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        if (!(key instanceof EdECPublicKey edKey)
                || !NamedParameterSpec.ED25519.getName().equalsIgnoreCase(edKey.getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        EdECPoint point = edKey.getPoint();
        byte[] bigEndianY = point.getY().toByteArray(); // y < 2^255, so at most 32 significant bytes
        byte[] raw = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < bigEndianY.length; i++) {
            raw[i] = bigEndianY[bigEndianY.length - 1 - i];
        }
        if (point.isXOdd()) {
            raw[KEY_BYTES - 1] |= (byte) 0x80;
        }
        return raw;
    }

    /** The private key for a raw 32-byte seed. */
    public static PrivateKey privateKey(byte[] seed) {
        requireLength(seed, "seed");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    /** The key pair for a raw 32-byte seed, its public half derived as RFC 8032 specifies. */
    public static KeyPair keyPairFromSeed(byte[] seed) {
        requireLength(seed, "seed");
        try {
            // The JDK derives the public key only while generating: feed it the seed as its "randomness".
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] used = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(used, seed)) {
                throw new IllegalStateException("the JDK key generator did not use the given seed");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    /**
     * Decodes a public key written as 64 hex characters or as base64 (standard or URL alphabet,
     * padded or not) into its 32 raw bytes; surrounding whitespace is ignored.
     *
     * @throws IllegalArgumentException with a one-line reason for anything else
     */
    public static byte[] decodePublicKey(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("public key is empty");
        }
        if (t.length() == 2 * KEY_BYTES) {
            try {
                return HexFormat.of().parseHex(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("public key has 64 characters but is not hex");
            }
        }
        byte[] raw = decodeBase64(t);
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("public key must be " + KEY_BYTES
                    + " bytes (64 hex characters or base64), got " + raw.length + " bytes");
        }
        return raw;
    }

    private static byte[] decodeBase64(String t) {
        int unpadded = t.length();
        while (unpadded > 0 && t.charAt(unpadded - 1) == '=') {
            unpadded--;
        }
        int padding = t.length() - unpadded;
        if (padding > 2 || (padding > 0 && t.length() % 4 != 0)) {
            throw new IllegalArgumentException("public key has misplaced base64 padding");
        }
        boolean standard = false;
        boolean urlSafe = false;
        for (int i = 0; i < unpadded; i++) {
            char c = t.charAt(i);
            if (c == '+' || c == '/') {
                standard = true;
            } else if (c == '-' || c == '_') {
                urlSafe = true;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException("public key is neither hex nor base64: bad character at position " + i);
            }
        }
        if (standard && urlSafe) {
            throw new IllegalArgumentException("public key mixes the standard and URL-safe base64 alphabets");
        }
        try {
            String body = t.substring(0, unpadded);
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not valid base64 (bad length)");
        }
    }

    private static void requireLength(byte[] bytes, String what) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes, got " + bytes.length);
        }
    }

    /** Hands out the seed as the generator's only random bytes. */
    private static final class SeedAsRandom extends SecureRandom {
        private final byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
