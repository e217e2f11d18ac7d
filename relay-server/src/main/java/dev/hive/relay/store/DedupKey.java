package dev.hive.relay.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dedup key of a post: the trimmed {@code Idempotency-Key}, else {@code X-Hive-Event-Id},
 * else {@code sha256:} and the hex digest of the raw body. Kept in memory as 128 bits of the
 * key's own SHA-256: collisions are out of reach even for a chosen-key attacker (2^64 work).
 * Equal texts make equal keys.
 *
 * <p>The text of a body's key is only spelled out when asked for (the durable store keeps it):
 * most posts carry no key header, and the memory store needs only the bits.
 */
public final class DedupKey {

    private static final String BODY_PREFIX = "sha256:";

    private final String headerText;
    private final byte[] bodyDigest;
    private final long high;
    private final long low;

    private DedupKey(String headerText, byte[] bodyDigest, byte[] keyDigest) {
        this.headerText = headerText;
        this.bodyDigest = bodyDigest;
        this.high = readLong(keyDigest, 0);
        this.low = readLong(keyDigest, 8);
    }

    /** Builds the key from the request's headers (null when absent) and body. */
    public static DedupKey of(String idempotencyKey, String eventId, byte[] body) {
        String header = firstNonBlank(idempotencyKey, eventId);
        if (header != null) {
            return ofText(header);
        }
        // The body's digest is the key's own 128 bits: one hash per post, not two.
        byte[] digest = sha256(body, 0, body.length);
        return new DedupKey(null, digest, digest);
    }

    /** Rebuilds a key from its text (as stored, or as a client sent it): equal texts, equal keys. */
    public static DedupKey ofText(String text) {
        if (text.length() == BODY_PREFIX.length() + 64 && text.startsWith(BODY_PREFIX) && isHex(text)) {
            byte[] digest = HexFormat.of().parseHex(text, BODY_PREFIX.length(), text.length());
            return new DedupKey(null, digest, digest);
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new DedupKey(text, null, sha256(utf8, 0, utf8.length));
    }

    /** The key as clients and the store spell it. */
    public String text() {
        return headerText != null ? headerText : BODY_PREFIX + HexFormat.of().formatHex(bodyDigest);
    }

    /** The first 64 of the 128 bits kept in memory. */
    public long high() {
        return high;
    }

    /** The last 64 of the 128 bits kept in memory. */
    public long low() {
        return low;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DedupKey key && high == key.high && low == key.low && text().equals(key.text());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return "DedupKey[" + text() + "]";
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
