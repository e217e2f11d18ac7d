package dev.hive.relay.gate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Secret comparison whose timing reveals neither the content nor the length of either side. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /**
     * Whether the UTF-8 bytes of {@code a} and {@code b} are equal. Both are hashed with SHA-256
     * first so the final comparison always runs over 32 bytes, whatever their lengths.
     * A {@code null} side is never equal.
     */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
