package dev.hive.relay.gate;

import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides whether a request may pass, by the policy resolved at start-up: signed
 * {@code hrt1} tokens when a public key is configured, else the live allowlist when it
 * gates, else open.
 */
public final class AccessGate {

    /** The plain-text body of every 401. */
    public static final String REFUSAL = "relay requires a valid access token";

    /** The three policies, as the console names them. */
    public enum Mode {
        OPEN, ALLOWLIST, SIGNED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PublicKey signingKey;
    private final TokenAllowlist allowlist;
    private final LongSupplier clockSeconds;

    private AccessGate(PublicKey signingKey, TokenAllowlist allowlist, LongSupplier clockSeconds) {
        this.signingKey = signingKey;
        this.allowlist = allowlist;
        this.clockSeconds = clockSeconds;
    }

    /**
     * @param publicKeyText the configured hrt1 key (hex or base64), or null
     * @throws GateConfigException when the key does not parse: never fall back to open
     */
    public static AccessGate create(String publicKeyText, TokenAllowlist allowlist, LongSupplier clockSeconds) {
        PublicKey key = null;
        if (publicKeyText != null) {
            try {
                key = Ed25519Keys.publicKey(Ed25519Keys.decodePublicKey(publicKeyText));
            } catch (IllegalArgumentException e) {
                throw new GateConfigException("HIVE_RELAY_TOKEN_PUBKEY is not a usable Ed25519 public key ("
                        + e.getMessage() + "); give the 64 hex characters or base64 that 'hive-relay keygen' printed");
            }
        }
        return new AccessGate(key, allowlist, clockSeconds);
    }

    public Mode mode() {
        if (signingKey != null) {
            return Mode.SIGNED;
        }
        return allowlist.isGating() ? Mode.ALLOWLIST : Mode.OPEN;
    }

    /** Whether a request bearing this {@code Authorization} header value (or null) may pass. */
    public boolean admits(String authorization) {
        Mode mode = mode();
        if (mode == Mode.OPEN) {
            return true;
        }
        Optional<String> token = BearerToken.parse(authorization);
        if (token.isEmpty()) {
            return false;
        }
        if (mode == Mode.SIGNED) {
            return Hrt1.verify(token.get(), signingKey, clockSeconds.getAsLong()) instanceof Hrt1.Accepted;
        }
        return allowlist.admits(token.get());
    }

    /** Allowlist tokens live now; 0 in the other modes. */
    public int tokenCount() {
        return mode() == Mode.ALLOWLIST ? allowlist.size() : 0;
    }
}
