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

    /** Builds the key from the request's headers (null when absent) and body. */
    public static DedupKey of(String idempotencyKey, String eventId, byte[] body) {
        String header = firstNonBlank(idempotencyKey, eventId);
        String text = header != null ? header : "sha256:" + HexFormat.of().formatHex(sha256(body, 0, body.length));
        return ofText(text);
    }

    /** Rebuilds a key from its stored text. */
    public static DedupKey ofText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] digest = sha256(utf8, 0, utf8.length);
        return new DedupKey(text, readLong(digest, 0), readLong(digest, 8));
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
