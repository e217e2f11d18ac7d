package dev.hive.relay.admin;

import dev.hive.relay.gate.TokenRegistry;
import dev.hive.relay.json.JsonWriter;

import java.util.List;

/**
 * The admin API's JSON for tokens, shared with the console so that {@code tokens list --json}
 * has one shape whether it asked the running relay or read the token file itself. Never a secret
 * except in {@link #issued}, the one answer that hands a new token out.
 */
public final class TokenJson {

    private TokenJson() {
    }

    /** {@code {"gate_mode":…,"tokens":[…]}}. */
    public static byte[] list(String gateMode, List<TokenRegistry.Token> tokens) {
        JsonWriter json = new JsonWriter().beginObject()
                .name("gate_mode").value(gateMode)
                .name("tokens").beginArray();
        for (TokenRegistry.Token token : tokens) {
            token(json, token);
        }
        return json.endArray().endObject().toByteArray();
    }

    /** A token just added or rotated in, with its secret. */
    public static byte[] issued(TokenRegistry.Issued issued, String gateMode) {
        JsonWriter json = new JsonWriter().beginObject().name("token");
        token(json, issued.token());
        return json.name("secret").value(issued.secret())
                .name("switched_to_allowlist").value(issued.switchedToAllowlist())
                .name("gate_mode").value(gateMode)
                .endObject().toByteArray();
    }

    /** A revoked token and what is left. */
    public static byte[] removed(TokenRegistry.Token removed, int remaining, String gateMode) {
        JsonWriter json = new JsonWriter().beginObject().name("removed");
        token(json, removed);
        return json.name("remaining").value(remaining).name("gate_mode").value(gateMode)
                .endObject().toByteArray();
    }

    private static void token(JsonWriter json, TokenRegistry.Token token) {
        json.beginObject()
                .name("id").value(token.id())
                .name("label").value(token.label())
                .name("source").value(token.source() == TokenRegistry.Token.Source.FILE ? "file" : "environment")
                .name("created_ms").value(token.createdAtMillis());
        nullableNumber(json.name("expires_ms"), token.expiresAtMillis());
        nullableNumber(json.name("last_used_ms"), token.lastUsedMillis());
        json.endObject();
    }

    private static void nullableNumber(JsonWriter json, Long value) {
        if (value == null) {
            json.nullValue();
        } else {
            json.value(value);
        }
    }
}
