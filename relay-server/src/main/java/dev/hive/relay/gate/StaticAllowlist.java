package dev.hive.relay.gate;

import java.util.List;

/** An allowlist fixed at start-up, compared in constant time. */
public final class StaticAllowlist implements TokenAllowlist {

    private final List<String> tokens;

    public StaticAllowlist(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    @Override
    public boolean admits(String token) {
        boolean found = false;
        for (String candidate : tokens) {
            // No early exit: the time taken does not say which entry matched.
            found |= ConstantTime.equals(candidate, token);
        }
        return found;
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public boolean isGating() {
        return !tokens.isEmpty();
    }
}
