package dev.hive.relay.gate;

import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonObjectReader;
import dev.hive.relay.json.JsonSlice;
import dev.hive.relay.json.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signed access tokens {@code hrt1.<b64url(claims JSON)>.<b64url(Ed25519 signature)>}, base64url
 * without padding, the signature covering the ASCII of {@code "hrt1." + claims part}.
 *
 * <p>Claims: {@code sub} and {@code exp} are required; a missing {@code plan} reads as {@code ""},
 * {@code max_members}/{@code retention_days} as {@code null}, {@code turn} as {@code false} and
 * {@code caps} as empty; present fields must have their JSON type; unknown fields are ignored.
 */
public final class Hrt1 {

    /** Why a token was refused. */
    public enum Refusal { MALFORMED, BAD_SIGNATURE, EXPIRED }

    /** The outcome of {@link #verify}. */
    public sealed interface Verdict permits Accepted, Refused {
    }

    /** The token is genuine and current. */
    public record Accepted(Claims claims) implements Verdict {
    }

    /** The token must not be admitted. */
    public record Refused(Refusal reason) implements Verdict {
    }

    private static final String PREFIX = "hrt1";
    private static final int SIGNATURE_BYTES = 64;
    private static final Refused MALFORMED = new Refused(Refusal.MALFORMED);
    private static final Refused BAD_SIGNATURE = new Refused(Refusal.BAD_SIGNATURE);
    private static final Refused EXPIRED = new Refused(Refusal.EXPIRED);

    private Hrt1() {
    }

    /** Checks shape, then signature, then claims, then expiry ({@code exp != 0 && now >= exp}). */
    public static Verdict verify(String token, PublicKey key, long nowEpochSeconds) {
        if (token == null) {
            return MALFORMED;
        }
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        if (firstDot != PREFIX.length() || !token.startsWith(PREFIX)
                || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return MALFORMED;
        }
        String claimsPart = token.substring(firstDot + 1, secondDot);
        byte[] signature = decodeBase64Url(token.substring(secondDot + 1));
        if (!isBase64UrlAlphabet(claimsPart) || signature == null || signature.length != SIGNATURE_BYTES) {
            return MALFORMED;
        }
        if (!signatureMatches(token.substring(0, secondDot), signature, key)) {
            return BAD_SIGNATURE;
        }
        // Only now, with the issuer vouching for them, are the claims decoded.
        byte[] claimsJson = decodeBase64Url(claimsPart);
        if (claimsJson == null) {
            return MALFORMED;
        }
        Claims claims;
        try {
            claims = readClaims(claimsJson);
        } catch (JsonException e) {
            return MALFORMED;
        }
        return claims.isExpiredAt(nowEpochSeconds) ? EXPIRED : new Accepted(claims);
    }

    /** Issues a token; the claims JSON has no spaces and the field order sub, plan, exp, max_members, retention_days, turn, caps. */
    public static String mint(Claims claims, PrivateKey key) {
        JsonWriter json = new JsonWriter().beginObject()
                .name("sub").value(claims.sub())
                .name("plan").value(claims.plan())
                .name("exp").value(claims.exp())
                .name("max_members");
        nullableLong(json, claims.maxMembers()).name("retention_days");
        nullableLong(json, claims.retentionDays())
                .name("turn").value(claims.turn())
                .name("caps").beginArray();
        claims.caps().forEach(json::value);
        json.endArray().endObject();

        String signedPart = PREFIX + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.toByteArray());
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return signedPart + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static JsonWriter nullableLong(JsonWriter json, Long value) {
        return value == null ? json.nullValue() : json.value(value.longValue());
    }

    private static boolean signatureMatches(String signedPart, byte[] signature, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    private static Claims readClaims(byte[] json) {
        Map<String, JsonSlice> members = JsonObjectReader.read(json);
        JsonSlice sub = members.get("sub");
        JsonSlice exp = members.get("exp");
        if (sub == null || exp == null) {
            throw new JsonException("claims need sub and exp");
        }
        JsonSlice plan = members.get("plan");
        JsonSlice turn = members.get("turn");
        JsonSlice caps = members.get("caps");
        return new Claims(
                sub.asString(),
                plan == null ? "" : plan.asString(),
                exp.asLong(),
                nullableLong(members.get("max_members")),
                nullableLong(members.get("retention_days")),
                turn != null && turn.asBoolean(),
                caps == null ? List.of() : caps.asStringList());
    }

    private static Long nullableLong(JsonSlice value) {
        return value == null || value.isNull() ? null : value.asLong();
    }

    /** Strict base64url without padding: only the URL alphabet and canonical trailing bits; null otherwise. */
    private static byte[] decodeBase64Url(String text) {
        if (!isBase64UrlAlphabet(text)) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            // The JDK ignores stray low bits in the last character; a second spelling of the same token is refused.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBase64UrlAlphabet(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
