package dev.hive.relay.gate;

import java.util.List;
import java.util.Objects;

/**
 * What an {@code hrt1} token grants.
 *
 * @param sub           who the token was issued to
 * @param plan          the plan name, may be empty
 * @param exp           expiry in unix seconds; 0 means never
 * @param maxMembers    member cap, or {@code null} for none
 * @param retentionDays retention in days, or {@code null} for the relay's default
 * @param turn          whether the holder may use TURN
 * @param caps          extra capabilities
 */
public record Claims(String sub, String plan, long exp, Long maxMembers, Long retentionDays,
                     boolean turn, List<String> caps) {

    /** Checks the non-null fields and freezes {@code caps}. */
    public Claims {
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(plan, "plan");
        caps = List.copyOf(caps);
    }

    /** Whether a token with these claims is expired at {@code nowEpochSeconds}. */
    public boolean isExpiredAt(long nowEpochSeconds) {
        return exp != 0 && nowEpochSeconds >= exp;
    }
}
