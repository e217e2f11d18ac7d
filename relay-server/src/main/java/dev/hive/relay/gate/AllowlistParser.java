package dev.hive.relay.gate;

import java.util.Arrays;
import java.util.List;

/** Parses the {@code HIVE_RELAY_ACCESS_TOKENS} allowlist. */
public final class AllowlistParser {

    /** The setting this parser reads, named in its error messages. */
    public static final String VARIABLE = "HIVE_RELAY_ACCESS_TOKENS";

    private AllowlistParser() {
    }

    /**
     * Splits {@code value} on commas, trims each entry and drops empty ones, keeping the first of
     * any duplicates. A set value with no token is an error, never an open relay.
     *
     * @throws GateConfigException when no token remains
     */
    public static List<String> parse(String value) {
        List<String> tokens = Arrays.stream(value.split(",", -1))
                .map(String::strip)
                .filter(token -> !token.isEmpty())
                .distinct()
                .toList();
        if (tokens.isEmpty()) {
            throw new GateConfigException(VARIABLE + " is set but holds no token; "
                    + "unset it for an open relay or list at least one token");
        }
        return tokens;
    }
}
