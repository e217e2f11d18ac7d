package dev.hive.relay.cli.bench;

import dev.hive.relay.cli.CliException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/** Where the bench sends its requests: an {@code http://host[:port][/base]} URL taken apart once. */
final class HttpTarget {

    private final String url;
    private final String host;
    private final int port;
    private final String basePath;
    private final byte[] fixedHeaders;
    private final boolean hasToken;

    private HttpTarget(String url, String host, int port, String basePath, String token) {
        this.url = url;
        this.host = host;
        this.port = port;
        this.basePath = basePath;
        this.hasToken = token != null && !token.isEmpty();
        String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        StringBuilder headers = new StringBuilder("Host: ").append(hostHeader);
        if (port != 80) {
            headers.append(':').append(port);
        }
        headers.append("\r\n");
        if (token != null && !token.isEmpty()) {
            headers.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        this.fixedHeaders = headers.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses {@code --url}; anything but a plain {@code http://} URL is a usage error (exit 2).
     *
     * @param token sent as {@code Authorization: Bearer} on every request, or null
     */
    static HttpTarget parse(String url, String token) {
        String fix = "; use an http:// URL like http://127.0.0.1:8443 (TLS is not supported: bench the relay "
                + "itself, not the proxy in front of it)";
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new CliException("--url '" + url + "' is not a URL" + fix, 2);
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("http")) {
            throw new CliException("--url '" + url + "' is not an http:// URL" + fix, 2);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new CliException("--url '" + url + "' must be just http://host[:port][/path]" + fix, 2);
        }
        if (token != null && (token.isBlank() || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new CliException("--token must be printable ASCII without spaces (the relay's bearer token)", 2);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String base = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return new HttpTarget(url.trim(), host, port, base, token);
    }

    /** The URL as the operator gave it, for messages. */
    String url() {
        return url;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The request target for a relay path such as {@code /v1/health}, under the URL's own path. */
    String path(String relayPath) {
        return basePath + relayPath;
    }

    /** Whether requests carry {@code Authorization: Bearer}. */
    boolean hasToken() {
        return hasToken;
    }

    /** {@code Host} (and {@code Authorization}) header lines, CRLF-terminated, sent with every request. */
    byte[] fixedHeaders() {
        return fixedHeaders;
    }
}
