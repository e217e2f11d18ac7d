package dev.hive.relay.pairing;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Short-lived pairing codes: a device posts a payload, another fetches it by a six-character
 * code until it expires. Memory only by design: a code is worth minutes.
 */
public final class PairingBook {

    /** Crockford-style alphabet without I, L, O, U: 32 symbols, so 5 random bits each, no modulo bias. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int CODE_LENGTH = 6;
    public static final int DEFAULT_TTL_SECONDS = 600;
    public static final int MIN_TTL_SECONDS = 30;
    public static final int MAX_TTL_SECONDS = 3600;
    public static final int MAX_PAYLOAD_BYTES = 8192;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final LongSupplier clockMillis;
    private final int capacity;

    public PairingBook(SecureRandom random, LongSupplier clockMillis, int capacity) {
        this.random = random;
        this.clockMillis = clockMillis;
        this.capacity = capacity;
    }

    /** The TTL actually used for a requested one (null = default), clamped to [30, 3600] seconds. */
    public static int clampTtl(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return DEFAULT_TTL_SECONDS;
        }
        return (int) Math.max(MIN_TTL_SECONDS, Math.min(MAX_TTL_SECONDS, requestedSeconds));
    }

    /** Stores the payload under a fresh code; empty when the book is full. */
    public Optional<String> add(String payload, int ttlSeconds) {
        long now = clockMillis.getAsLong();
        if (entries.size() >= capacity) {
            removeExpired(now);
            if (entries.size() >= capacity) {
                return Optional.empty();
            }
        }
        Entry entry = new Entry(payload, now + ttlSeconds * 1000L);
        while (true) {
            String code = newCode();
            if (entries.putIfAbsent(code, entry) == null) {
                return Optional.of(code);
            }
        }
    }

    /** The payload for a code as a person might type it ({@code " k7p-2qx "}), if live. */
    public Optional<String> find(String typedCode) {
        String code = normalise(typedCode);
        Entry entry = entries.get(code);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtMillis <= clockMillis.getAsLong()) {
            entries.remove(code, entry);
            return Optional.empty();
        }
        return Optional.of(entry.payload);
    }

    /** Live codes, for the console. */
    public int size() {
        removeExpired(clockMillis.getAsLong());
        return entries.size();
    }

    public void removeExpired(long nowMillis) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAtMillis <= nowMillis) {
                it.remove();
            }
        }
    }

    /** Drops everything but letters and digits, and upper-cases. */
    static String normalise(String typed) {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                code.append(c);
            }
        }
        return code.toString().toUpperCase(Locale.ROOT);
    }

    private String newCode() {
        byte[] bytes = new byte[CODE_LENGTH];
        random.nextBytes(bytes);
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < CODE_LENGTH; i++) {
            code[i] = ALPHABET.charAt(bytes[i] & 0x1F);
        }
        return new String(code);
    }

    private record Entry(String payload, long expiresAtMillis) {
    }
}
