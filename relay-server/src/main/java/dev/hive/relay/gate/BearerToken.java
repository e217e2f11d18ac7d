package dev.hive.relay.gate;

import java.util.Optional;

/** Extracts the token from an {@code Authorization} header value. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /**
     * The trimmed token after a case-sensitive {@code "Bearer "} prefix; empty when the header is
     * missing, uses another scheme or spelling, or carries no token.
     */
    public static Optional<String> parse(String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
