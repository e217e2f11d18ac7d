package dev.hive.relay.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dedup key of a post: the trimmed {@code Idempotency-Key}, else {@code X-Hive-Event-Id},
 * else {@code sha256:} and the hex digest of the raw body. Kept in memory as 128 bits of the
 * key's own SHA-256: collisions are out of reach even for a chosen-key attacker (2^64 work).
 */
public record DedupKey(String text, long high, long low) {

    private static final String BODY_PREFIX = "sha256:";

    /** Builds the key from the request's headers (null when absent) and body. */
    public static DedupKey of(String idempotencyKey, String eventId, byte[] body) {
        String header = firstNonBlank(idempotencyKey, eventId);
        if (header != null) {
            return ofText(header);
        }
        // The body's digest is the key's own 128 bits: one hash per post, not two.
        byte[] digest = sha256(body, 0, body.length);
        return new DedupKey(BODY_PREFIX + HexFormat.of().formatHex(digest), readLong(digest, 0), readLong(digest, 8));
    }

    /** Rebuilds a key from its text (as stored, or as a client sent it): equal texts, equal keys. */
    public static DedupKey ofText(String text) {
        byte[] digest;
        if (text.length() == BODY_PREFIX.length() + 64 && text.startsWith(BODY_PREFIX) && isHex(text)) {
            digest = HexFormat.of().parseHex(text, BODY_PREFIX.length(), text.length());
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            digest = sha256(utf8, 0, utf8.length);
        }
        return new DedupKey(text, readLong(digest, 0), readLong(digest, 8));
    }

    private static boolean isHex(String text) {
        for (int i = BODY_PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        if (second != null && !second.isBlank()) {
            return second.trim();
        }
        return null;
    }

    private static byte[] sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
