package dev.hive.relay.cli.admin;

import dev.hive.relay.admin.AdminSecret;
import dev.hive.relay.config.HostPort;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.config.Setting;
import dev.hive.relay.config.Source;
import dev.hive.relay.config.Units;
import dev.hive.relay.json.JsonException;
import dev.hive.relay.json.JsonTree;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.SnapshotJson;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to the relay's loopback admin endpoint the way the console commands need: finds it and its
 * secret like {@code serve} placed them (settings, then {@code admin.addr} and {@code admin.secret}
 * in the data directory), and turns every failure into an {@link AdminException} whose message is
 * one line naming the fix.
 */
public final class AdminClient implements AutoCloseable {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final String SERVE_HINT = "is 'hive-relay serve' running? If it uses another --admin-addr or "
            + "--data-dir, pass the same here";

    private final HostPort address;
    private final Path dataDir;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final URI base;
    private final HttpClient http;
    private String secret;
    private Boolean answersAsRelay;

    /**
     * @param address the admin listener (a wildcard host is reached through loopback)
     * @param dataDir where {@code admin.secret} is
     * @param timeout the longest a request may take; connecting gets at most {@link #CONNECT_TIMEOUT} of it
     */
    public AdminClient(HostPort address, Path dataDir, Duration timeout) {
        this.address = address;
        this.dataDir = dataDir;
        this.requestTimeout = timeout;
        this.connectTimeout = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
        this.base = URI.create("http://" + reachable(address) + "/");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /** A client for the relay these settings describe, with the default timeouts. */
    public static AdminClient forSettings(ResolvedSettings resolved) {
        return forSettings(resolved, REQUEST_TIMEOUT);
    }

    public static AdminClient forSettings(ResolvedSettings resolved, Duration timeout) {
        return new AdminClient(endpoint(resolved), resolved.settings().dataDir(), timeout);
    }

    /**
     * The admin address to use: the configured one, unless nobody configured it (or it names port 0)
     * and {@code serve} recorded where it really bound in the data directory.
     */
    public static HostPort endpoint(ResolvedSettings resolved) {
        HostPort configured = resolved.settings().adminAddress();
        Source source = resolved.effective().stream()
                .filter(row -> row.setting() == Setting.ADMIN_ADDR)
                .map(ResolvedSettings.Effective::source)
                .findFirst().orElse(Source.DEFAULT);
        if (source == Source.DEFAULT || configured.port() == 0) {
            Optional<String> recorded = AdminSecret.recordedAddress(resolved.settings().dataDir());
            if (recorded.isPresent()) {
                try {
                    return HostPort.parse(recorded.get());
                } catch (IllegalArgumentException e) {
                    // A damaged record: fall back to the settings.
                }
            }
        }
        return configured;
    }

    public HostPort address() {
        return address;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The stats snapshot as the relay sent it (JSON). */
    public String statsJson(boolean withWorkspaces) {
        String json = call("GET", "admin/v1/stats" + (withWorkspaces ? "" : "?workspaces=false"), null, false);
        snapshotOf(json);
        return json;
    }

    public RelaySnapshot snapshot(boolean withWorkspaces) {
        return snapshotOf(call("GET", "admin/v1/stats" + (withWorkspaces ? "" : "?workspaces=false"), null, false));
    }

    /** GET of an admin path (without the leading slash); the relay's refusals become {@link AdminException.Kind#REJECTED}. */
    public String get(String path) {
        return call("GET", path, null, true);
    }

    public String post(String path, String jsonBody) {
        return call("POST", path, jsonBody, true);
    }

    public String delete(String path) {
        return call("DELETE", path, null, true);
    }

    /** Percent-encodes a path segment (a token id or label), so that spaces or slashes stay one segment. */
    public static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        http.close();
    }

    private String call(String method, String path, String jsonBody, boolean relayMessages) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + secret())
                .header("Accept", "application/json");
        if (jsonBody != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = exchange(request.build());
        int status = response.statusCode();
        String body = response.body();
        if (status == 200 && isJson(response)) {
            return body;
        }
        if (status == 401) {
            throw new AdminException(AdminException.Kind.SECRET, "the admin secret in " + dataDir
                    + " does not match the running relay on " + address + "; pass the relay's --data-dir "
                    + "(or HIVE_RELAY_DATA_DIR)", "wrong admin secret for " + address);
        }
        if (status == 403) {
            throw new AdminException(AdminException.Kind.REFUSED, "the admin endpoint on " + address
                    + " refused the request (" + firstLine(body) + ")",
                    "admin endpoint " + address + " refused (403)");
        }
        boolean text = contentType(response).startsWith("text/plain");
        if (relayMessages && text && (status == 400 || status == 404 || status >= 500) && answersAsRelay()) {
            if ("no such admin route".equals(body.trim())) {
                throw new AdminException(AdminException.Kind.REJECTED, "the relay on " + address + " does not know /"
                        + path + "; is it an older hive-relay than this command?");
            }
            throw new AdminException(AdminException.Kind.REJECTED,
                    (status >= 500 ? "the relay failed: " : "") + firstLine(body));
        }
        throw notHive("HTTP " + status + (status == 200 ? ", not JSON" : ""));
    }

    /** Reads the secret; when it cannot, says "not running" instead if no relay answers at all. */
    private String secret() {
        if (secret == null) {
            try {
                secret = AdminSecret.read(dataDir);
            } catch (IllegalStateException e) {
                exchange(HttpRequest.newBuilder(base.resolve("admin/v1/stats?workspaces=false"))
                        .timeout(requestTimeout).GET().build());
                throw new AdminException(AdminException.Kind.SECRET, e.getMessage(), secretTrouble());
            }
        }
        return secret;
    }

    /** Why the secret could not be read, in a few words. */
    private String secretTrouble() {
        Path file = dataDir.resolve(AdminSecret.SECRET_FILE);
        if (!Files.exists(file)) {
            return "no admin secret in " + dataDir;
        }
        if (!Files.isReadable(file)) {
            return "cannot read " + file + " (permission denied)";
        }
        return "unusable admin secret " + file;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new AdminException(AdminException.Kind.TIMEOUT, "no relay answering on " + address
                    + " (connection timed out after " + Units.formatDuration(connectTimeout) + "): " + SERVE_HINT,
                    "connecting to " + address + " timed out");
        } catch (HttpTimeoutException e) {
            throw new AdminException(AdminException.Kind.TIMEOUT, "the relay on " + address
                    + " accepted the connection but did not answer within " + Units.formatDuration(requestTimeout)
                    + "; it may be overloaded or stuck: check its log, or retry with a longer --timeout",
                    "no answer from " + address + " in " + Units.formatDuration(requestTimeout));
        } catch (ConnectException e) {
            throw new AdminException(AdminException.Kind.NOT_RUNNING, "no relay answering on " + address
                    + " (connection refused): " + SERVE_HINT, "connection refused by " + address);
        } catch (IOException e) {
            throw notHive(e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(AdminException.Kind.TIMEOUT, "interrupted while asking the relay on " + address,
                    "interrupted");
        }
    }

    /** Whether the token list answers like a relay: tells the relay's own 404s from another server's. */
    private boolean answersAsRelay() {
        if (answersAsRelay == null) {
            answersAsRelay = false;
            try {
                HttpResponse<String> response = exchange(HttpRequest.newBuilder(base.resolve("admin/v1/tokens"))
                        .timeout(requestTimeout).header("Authorization", "Bearer " + secret).GET().build());
                if (response.statusCode() == 200 && isJson(response)) {
                    Map<String, Object> root = JsonTree.parseObject(response.body());
                    answersAsRelay = root.containsKey("gate_mode") && root.containsKey("tokens");
                }
            } catch (AdminException | JsonException e) {
                answersAsRelay = false;
            }
        }
        return answersAsRelay;
    }

    private RelaySnapshot snapshotOf(String json) {
        try {
            return SnapshotJson.read(json);
        } catch (JsonException e) {
            throw notHive("its answer is not a relay snapshot: " + e.getMessage());
        }
    }

    private AdminException notHive(String detail) {
        return new AdminException(AdminException.Kind.NOT_HIVE, "something other than hive-relay answers on "
                + address + " (" + detail + "); pass the relay's --admin-addr, or stop what listens there",
                "not hive-relay on " + address + " (" + detail + ")");
    }

    private static boolean isJson(HttpResponse<String> response) {
        return contentType(response).startsWith("application/json");
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    }

    /** Wildcard listener addresses are reached through loopback, which is also what the guard wants as Host. */
    private static String reachable(HostPort address) {
        String host = address.host();
        if (host.equals("0.0.0.0")) {
            return new HostPort("127.0.0.1", address.port()).toString();
        }
        if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            return new HostPort("::1", address.port()).toString();
        }
        return address.toString();
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
