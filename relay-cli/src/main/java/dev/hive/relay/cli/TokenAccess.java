package dev.hive.relay.cli;

import dev.hive.relay.admin.TokenJson;
import dev.hive.relay.cli.admin.AdminClient;
import dev.hive.relay.cli.admin.AdminException;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.gate.GateConfigException;
import dev.hive.relay.gate.TokenRegistry;
import dev.hive.relay.json.JsonTree;
import dev.hive.relay.json.JsonWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The token list, live through the running relay's admin API (a change applies to the next
 * request), or, when no relay answers, straight in the data directory's token file, which the
 * relay reads at start.
 */
final class TokenAccess implements AutoCloseable {

    /** The relay's lock on its data directory (see the SQLite store). */
    private static final String RELAY_LOCK = "relay.lock";

    private final RelaySettings settings;
    private final AdminClient client;
    private boolean offline;

    TokenAccess(ResolvedSettings resolved) {
        this.settings = resolved.settings();
        this.client = AdminClient.forSettings(resolved);
    }

    /** Whether the last operation went to the file because no relay answered. */
    boolean offline() {
        return offline;
    }

    Path file() {
        return settings.dataDir().resolve(TokenRegistry.FILE_NAME);
    }

    Listing list() {
        return Listing.of(either(() -> client.get("admin/v1/tokens"),
                registry -> new String(TokenJson.list(gateMode(registry), registry.list()), StandardCharsets.UTF_8),
                false));
    }

    Issued add(String label, Duration expiresIn) {
        JsonWriter body = new JsonWriter().beginObject();
        if (label != null) {
            body.name("label").value(label);
        }
        if (expiresIn != null) {
            body.name("expires_in_ms").value(expiresIn.toMillis());
        }
        String request = body.endObject().toString();
        return Issued.of(either(() -> client.post("admin/v1/tokens", request), registry -> {
            Long expiresAt = expiresIn == null ? null : System.currentTimeMillis() + expiresIn.toMillis();
            TokenRegistry.Issued issued = registry.add(label, expiresAt);
            return new String(TokenJson.issued(issued, gateMode(registry)), StandardCharsets.UTF_8);
        }, true));
    }

    Removed remove(String ref) {
        return Removed.of(either(() -> client.delete("admin/v1/tokens/" + liveReference(ref)), registry -> {
            TokenRegistry.Token removed = referenced(() -> registry.remove(ref));
            return new String(TokenJson.removed(removed, registry.size(), gateMode(registry)), StandardCharsets.UTF_8);
        }, false));
    }

    Issued rotate(String ref, Duration grace) {
        String request = new JsonWriter().beginObject().name("grace_ms").value(grace.toMillis()).endObject().toString();
        return Issued.of(either(() -> client.post("admin/v1/tokens/" + liveReference(ref) + "/rotate",
                request), registry -> {
            TokenRegistry.Issued issued = referenced(() -> registry.rotate(ref, grace.toMillis()));
            return new String(TokenJson.issued(issued, gateMode(registry)), StandardCharsets.UTF_8);
        }, false));
    }

    /**
     * The reference as a path segment. A label with a '/' cannot travel as one (servers route on
     * decoded segments), so it is looked up here, by the relay's rules: a live token first.
     */
    private String liveReference(String ref) {
        if (!ref.contains("/")) {
            return AdminClient.pathSegment(ref);
        }
        List<Row> tokens = Listing.of(client.get("admin/v1/tokens")).tokens();
        long now = System.currentTimeMillis();
        List<Row> matches = tokens.stream().filter(t -> t.label().equals(ref)).toList();
        List<Row> live = matches.stream().filter(t -> !t.expiredAt(now)).toList();
        if (!live.isEmpty()) {
            matches = live;
        }
        if (matches.isEmpty()) {
            throw new CliException("no token with id or label '" + ref + "'; 'hive-relay tokens list' shows them");
        }
        if (matches.size() > 1) {
            throw new CliException("label '" + ref + "' names " + matches.size()
                    + " tokens; use the id from 'hive-relay tokens list'");
        }
        return AdminClient.pathSegment(matches.get(0).id());
    }

    @Override
    public void close() {
        client.close();
    }

    /** Live when a relay answers; on "connection refused" the token file itself. */
    private String either(Supplier<String> live, Function<TokenRegistry, String> onFile, boolean mayCreateDir) {
        try {
            String json = live.get();
            offline = false;
            return json;
        } catch (AdminException e) {
            if (e.kind() != AdminException.Kind.NOT_RUNNING) {
                throw e;
            }
            Path dir = settings.dataDir();
            if (relayHolds(dir)) {
                throw new CliException("a relay holds " + dir + " (" + RELAY_LOCK + ") but nothing answers on "
                        + client.address() + "; pass that relay's --admin-addr (editing the token file under a "
                        + "running relay would be undone)");
            }
            if (mayCreateDir) {
                createDataDir(dir);
            }
            offline = true;
            try {
                TokenRegistry registry = TokenRegistry.open(dir, settings.accessTokens(), System::currentTimeMillis);
                return onFile.apply(registry);
            } catch (UncheckedIOException io) {
                throw new CliException(io.getMessage() + "; run as the relay's user, or pass its --data-dir");
            }
        }
    }

    private String gateMode(TokenRegistry registry) {
        if (settings.tokenPublicKey() != null) {
            return "signed";
        }
        return registry.isGating() ? "allowlist" : "open";
    }

    private static <T> T referenced(Supplier<T> action) {
        try {
            return action.get();
        } catch (GateConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * Whether another process holds the relay's lock on the directory. (Run inside a relay's own
     * process this check could release that lock, so only the CLI process calls it.)
     */
    private static boolean relayHolds(Path dir) {
        Path lock = dir.resolve(RELAY_LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void createDataDir(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(dir);
            }
        } catch (IOException e) {
            throw new CliException("cannot create the data directory " + dir + ": " + e.getMessage()
                    + "; create it, or pass the relay's --data-dir");
        }
    }

    // What the commands print, read back from the admin API's JSON (or the same JSON made from the file).

    /** One token, never its secret. */
    record Row(String id, String label, String source, long createdMillis, Long expiresMillis, Long lastUsedMillis) {

        static Row of(Object value) {
            Map<?, ?> t = (Map<?, ?>) value;
            return new Row((String) t.get("id"), t.get("label") instanceof String l ? l : "",
                    (String) t.get("source"), t.get("created_ms") instanceof Long c ? c : 0,
                    t.get("expires_ms") instanceof Long e ? e : null,
                    t.get("last_used_ms") instanceof Long u ? u : null);
        }

        boolean expiredAt(long nowMillis) {
            return expiresMillis != null && nowMillis >= expiresMillis;
        }
    }

    record Listing(String gateMode, List<Row> tokens, String json) {
        static Listing of(String json) {
            Map<String, Object> root = JsonTree.parseObject(json);
            List<Row> rows = new ArrayList<>();
            for (Object item : (List<?>) root.get("tokens")) {
                rows.add(Row.of(item));
            }
            return new Listing((String) root.get("gate_mode"), rows, json);
        }
    }

    record Issued(Row token, String secret, boolean switchedToAllowlist, String gateMode, String json) {
        static Issued of(String json) {
            Map<String, Object> root = JsonTree.parseObject(json);
            return new Issued(Row.of(root.get("token")), (String) root.get("secret"),
                    Boolean.TRUE.equals(root.get("switched_to_allowlist")), (String) root.get("gate_mode"), json);
        }
    }

    record Removed(Row token, long remaining, String gateMode, String json) {
        static Removed of(String json) {
            Map<String, Object> root = JsonTree.parseObject(json);
            return new Removed(Row.of(root.get("removed")), (Long) root.get("remaining"),
                    (String) root.get("gate_mode"), json);
        }
    }
}
