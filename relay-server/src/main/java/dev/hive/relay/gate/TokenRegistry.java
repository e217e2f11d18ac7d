package dev.hive.relay.gate;

import dev.hive.relay.io.AtomicFiles;
import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonTree;
import dev.hive.relay.json.JsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The live allowlist: tokens added, rotated and removed while the relay runs, kept in
 * {@code tokens.json} in the data directory. Only each token's SHA-256 is stored. Readers
 * see an immutable map swapped in whole, so a request never sees a half-applied change;
 * writers go through one lock and an atomic file replace (write, fsync, rename).
 */
public final class TokenRegistry implements TokenAllowlist {

    public static final String FILE_NAME = "tokens.json";
    private static final String TOKEN_PREFIX = "hrl_";

    private final Path file;
    private final LongSupplier clockMillis;
    private final SecureRandom random;
    private final Object writeLock = new Object();
    /** Last use per token id; flushed to the file with the next write, or by {@link #flushUsage()}. */
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private volatile State state;

    private TokenRegistry(Path file, LongSupplier clockMillis, SecureRandom random, State state) {
        this.file = file;
        this.clockMillis = clockMillis;
        this.random = random;
        this.state = state;
        state.byHash.values().forEach(t -> {
            if (t.lastUsedMillis() != null) {
                lastUsed.put(t.id(), t.lastUsedMillis());
            }
        });
    }

    /**
     * Loads the registry from the data directory and seeds it with the environment's tokens.
     *
     * @throws GateConfigException when the file exists but cannot be read or parsed: never start open
     */
    public static TokenRegistry open(Path dataDir, List<String> environmentTokens, LongSupplier clockMillis) {
        Path file = dataDir.resolve(FILE_NAME);
        State loaded = read(file);
        Map<String, Token> byHash = new LinkedHashMap<>(loaded.byHash);
        for (String secret : environmentTokens) {
            String hash = sha256Hex(secret);
            byHash.putIfAbsent(hash, new Token("env-" + hash.substring(0, 8), "", Token.Source.ENVIRONMENT, hash, 0,
                    null, null));
        }
        boolean gating = loaded.gating || !environmentTokens.isEmpty();
        return new TokenRegistry(file, clockMillis, new SecureRandom(), new State(gating, byHash));
    }

    @Override
    public boolean admits(String token) {
        Token entry = state.byHash.get(sha256Hex(token));
        long now = clockMillis.getAsLong();
        if (entry == null || entry.isExpiredAt(now)) {
            return false;
        }
        lastUsed.put(entry.id(), now);
        return true;
    }

    @Override
    public int size() {
        long now = clockMillis.getAsLong();
        return (int) state.byHash.values().stream().filter(t -> !t.isExpiredAt(now)).count();
    }

    @Override
    public boolean isGating() {
        return state.gating;
    }

    /** Every token, newest use first filled in; secrets are never kept, so never shown. */
    public List<Token> list() {
        List<Token> tokens = new ArrayList<>();
        for (Token token : state.byHash.values()) {
            tokens.add(token.withLastUsed(lastUsed.get(token.id())));
        }
        return tokens;
    }

    /**
     * Adds a fresh token; the result holds the secret, which exists nowhere else.
     *
     * @param expiresAtMillis null for never
     */
    public Issued add(String label, Long expiresAtMillis) {
        synchronized (writeLock) {
            boolean wasOpen = !state.gating;
            String secret = newSecret();
            String hash = sha256Hex(secret);
            Token token = new Token(newId(), label == null ? "" : label, Token.Source.FILE, hash,
                    clockMillis.getAsLong(), expiresAtMillis, null);
            Map<String, Token> next = new LinkedHashMap<>(state.byHash);
            next.put(hash, token);
            commit(new State(true, next));
            return new Issued(token, secret, wasOpen);
        }
    }

    /**
     * Revokes a token by id or label at once.
     *
     * @throws IllegalArgumentException naming the problem when nothing or more than one token matches,
     *                                  or the token comes from the environment
     */
    public Token remove(String idOrLabel) {
        synchronized (writeLock) {
            Token token = find(idOrLabel);
            Map<String, Token> next = new LinkedHashMap<>(state.byHash);
            next.remove(token.hash());
            commit(new State(state.gating, next));
            lastUsed.remove(token.id());
            return token;
        }
    }

    /**
     * Issues a replacement with the same label and lets the old token live for {@code graceMillis}
     * more (or until its own expiry, if sooner), so peers can switch without downtime.
     */
    public Issued rotate(String idOrLabel, long graceMillis) {
        synchronized (writeLock) {
            Token old = find(idOrLabel);
            long now = clockMillis.getAsLong();
            long oldEnd = now + graceMillis;
            if (old.expiresAtMillis() != null) {
                oldEnd = Math.min(oldEnd, old.expiresAtMillis());
            }
            String secret = newSecret();
            String hash = sha256Hex(secret);
            Token replacement = new Token(newId(), old.label(), Token.Source.FILE, hash, now, old.expiresAtMillis(),
                    null);
            Map<String, Token> next = new LinkedHashMap<>(state.byHash);
            next.put(old.hash(), old.withExpiry(oldEnd));
            next.put(hash, replacement);
            commit(new State(true, next));
            return new Issued(replacement, secret, false);
        }
    }

    /** Writes the last-use times gathered since the last write; called now and then and at shutdown. */
    public void flushUsage() {
        synchronized (writeLock) {
            boolean changed = state.byHash.values().stream()
                    .anyMatch(t -> !java.util.Objects.equals(t.lastUsedMillis(), lastUsed.get(t.id())));
            if (changed) {
                commit(state);
            }
        }
    }

    public Path file() {
        return file;
    }

    private Token find(String idOrLabel) {
        List<Token> matches = state.byHash.values().stream().filter(t -> t.id().equals(idOrLabel)).toList();
        if (matches.isEmpty()) {
            matches = state.byHash.values().stream()
                    .filter(t -> !t.label().isEmpty() && t.label().equals(idOrLabel))
                    .toList();
            // After a rotation the old token keeps its label; once its grace is over, the label
            // means the live replacement alone.
            long now = clockMillis.getAsLong();
            List<Token> live = matches.stream().filter(t -> !t.isExpiredAt(now)).toList();
            if (!live.isEmpty()) {
                matches = live;
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no token with id or label '" + idOrLabel
                    + "'; 'hive-relay tokens list' shows them");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("label '" + idOrLabel + "' names " + matches.size()
                    + " tokens; use the id from 'hive-relay tokens list'");
        }
        Token token = matches.get(0);
        if (token.source() == Token.Source.ENVIRONMENT) {
            throw new IllegalArgumentException("token " + token.id() + " comes from HIVE_RELAY_ACCESS_TOKENS; "
                    + "remove it there and restart the relay");
        }
        return token;
    }

    /** Persists the file-sourced tokens with their latest use, then publishes the new state. */
    private void commit(State next) {
        Map<String, Token> withUsage = new LinkedHashMap<>();
        next.byHash.forEach((hash, token) -> withUsage.put(hash, token.withLastUsed(lastUsed.get(token.id()))));
        State published = new State(next.gating, withUsage);
        write(file, published);
        state = published;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String newId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "tk_" + HexFormat.of().formatHex(bytes);
    }

    static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    // The file: {"version":1,"gating":true,"tokens":[{"id","label","sha256","created_ms","expires_ms","last_used_ms"}]}

    private static State read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new State(false, Map.of());
        } catch (IOException e) {
            throw new GateConfigException("cannot read the token file " + file + ": " + e.getMessage()
                    + "; fix its permissions (the relay's user must read it)");
        }
        try {
            Map<String, Object> root = JsonTree.parseObject(text);
            if (!Long.valueOf(1).equals(root.get("version"))) {
                throw new JsonException("unknown version " + root.get("version"));
            }
            boolean gating = Boolean.TRUE.equals(root.get("gating"));
            Map<String, Token> byHash = new LinkedHashMap<>();
            if (!(root.get("tokens") instanceof List<?> tokens)) {
                throw new JsonException("tokens is not a list");
            }
            for (Object item : tokens) {
                if (!(item instanceof Map<?, ?> t) || !(t.get("id") instanceof String id)
                        || !(t.get("sha256") instanceof String hash) || hash.length() != 64
                        || !(t.get("created_ms") instanceof Long created)) {
                    throw new JsonException("a token entry lacks id, sha256 or created_ms");
                }
                String label = t.get("label") instanceof String l ? l : "";
                Long expires = t.get("expires_ms") instanceof Long e ? e : null;
                Long used = t.get("last_used_ms") instanceof Long u ? u : null;
                byHash.put(hash, new Token(id, label, Token.Source.FILE, hash, created, expires, used));
            }
            return new State(gating, byHash);
        } catch (JsonException e) {
            throw new GateConfigException("the token file " + file + " is corrupt (" + e.getMessage()
                    + "); restore it from a backup, or move it away to start with no tokens");
        }
    }

    private static void write(Path file, State state) {
        JsonWriter json = new JsonWriter().beginObject()
                .name("version").value(1)
                .name("gating").value(state.gating)
                .name("tokens").beginArray();
        for (Token token : state.byHash.values()) {
            if (token.source() != Token.Source.FILE) {
                continue;
            }
            json.beginObject().name("id").value(token.id()).name("label").value(token.label())
                    .name("sha256").value(token.hash()).name("created_ms").value(token.createdAtMillis());
            if (token.expiresAtMillis() != null) {
                json.name("expires_ms").value(token.expiresAtMillis());
            }
            if (token.lastUsedMillis() != null) {
                json.name("last_used_ms").value(token.lastUsedMillis());
            }
            json.endObject();
        }
        byte[] bytes = json.endArray().endObject().toByteArray();
        AtomicFiles.write(file, bytes);
    }

    private record State(boolean gating, Map<String, Token> byHash) {
        State {
            byHash = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byHash));
        }
    }

    /** A newly made token: the secret is shown once and never again. */
    public record Issued(Token token, String secret, boolean switchedToAllowlist) {
    }

    /** One allowlist entry, without its secret. */
    public record Token(String id, String label, Source source, String hash, long createdAtMillis,
                        Long expiresAtMillis, Long lastUsedMillis) {

        public enum Source { FILE, ENVIRONMENT }

        boolean isExpiredAt(long nowMillis) {
            return expiresAtMillis != null && nowMillis >= expiresAtMillis;
        }

        Token withLastUsed(Long used) {
            return new Token(id, label, source, hash, createdAtMillis, expiresAtMillis, used);
        }

        Token withExpiry(long expires) {
            return new Token(id, label, source, hash, createdAtMillis, expires, lastUsedMillis);
        }
    }
}
