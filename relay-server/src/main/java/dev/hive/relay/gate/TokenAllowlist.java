package dev.hive.relay.gate;

/** The tokens an allowlist-gated relay admits; may change while the relay runs. */
public interface TokenAllowlist {

    /** Whether the token is on the list now (and records its use). */
    boolean admits(String token);

    /** How many tokens are on the list now. */
    int size();

    /** Whether the list gates the relay; an open relay has no list. */
    boolean isGating();
}
