package dev.hive.relay.config;

/**
 * Every setting of the relay, in one table: its flag and config-file key (the same
 * kebab-case name), its environment variable, its default and what it does. The CLI
 * builds its flags from this table, so nothing can be settable one way but not another.
 */
public enum Setting {
    ADDR("addr", "HIVE_RELAY_ADDR", "0.0.0.0:8443",
            "public listener host:port ($PORT, when set, wins over HIVE_RELAY_ADDR and means 0.0.0.0:$PORT)"),
    PORT("port", "PORT", null,
            "public listener port on 0.0.0.0 (what PaaS hosts set)"),
    ADMIN_ADDR("admin-addr", "HIVE_RELAY_ADMIN_ADDR", "127.0.0.1:8444",
            "admin listener host:port; loopback only"),
    ADMIN_UNSAFE_NON_LOOPBACK("admin-unsafe-allow-non-loopback", "HIVE_RELAY_ADMIN_UNSAFE_ALLOW_NON_LOOPBACK", "false",
            "let the admin listener bind a non-loopback address (dangerous: exposes the console)"),
    DATA_DIR("data-dir", "HIVE_RELAY_DATA_DIR", null,
            "directory for the store, tokens and the admin secret (default: per-user state directory)"),
    STORE("store", "HIVE_RELAY_STORE", "sqlite",
            "sqlite (durable, in the data directory) or memory (lost on restart)"),
    ACCESS_TOKENS("access-tokens", "HIVE_RELAY_ACCESS_TOKENS", null,
            "comma-separated allowlist of bearer tokens, seeding the live token list"),
    TOKEN_PUBKEY("token-pubkey", "HIVE_RELAY_TOKEN_PUBKEY", null,
            "Ed25519 public key (hex or base64) that signs hrt1 tokens; turns on signed-token mode"),
    MAX_BODY_BYTES("max-body-bytes", "HIVE_RELAY_MAX_BODY_BYTES", "4194304",
            "largest request body accepted; larger ones get 413 (suffixes KiB, MiB allowed)"),
    MAX_ENVELOPES("max-envelopes", "HIVE_RELAY_MAX_ENVELOPES", "50000",
            "envelopes kept per workspace, oldest dropped first (0 = unbounded)"),
    RETENTION_DAYS("retention-days", "HIVE_RELAY_RETENTION_DAYS", "0",
            "drop envelopes older than this many days (0 = keep)"),
    PUSH_RATE("push-rate", "HIVE_RELAY_PUSH_RATE", "100",
            "envelope posts per second per client IP (0 = unlimited); over it: 429"),
    PUSH_BURST("push-burst", "HIVE_RELAY_PUSH_BURST", "300",
            "burst allowance for push-rate"),
    MAX_SSE("max-sse", "HIVE_RELAY_MAX_SSE", "2000",
            "concurrent event streams (0 = unlimited); over it: 503"),
    TRUSTED_PROXIES("trusted-proxies", "HIVE_RELAY_TRUSTED_PROXIES", null,
            "comma-separated proxy IPs whose X-Forwarded-For is believed for the client IP"),
    SSE_KEEPALIVE("sse-keepalive", "HIVE_RELAY_SSE_KEEPALIVE", "25s",
            "idle time after which an event stream gets a keep-alive comment"),
    READ_TIMEOUT("read-timeout", "HIVE_RELAY_READ_TIMEOUT", "30s",
            "how long a client may take to send a request head, or pause while sending a body; then it is cut off"),
    SHUTDOWN_GRACE("shutdown-grace", "HIVE_RELAY_SHUTDOWN_GRACE", "10s",
            "how long in-flight requests may take to finish on SIGTERM"),
    QUEUE_BUDGET("queue-budget", "HIVE_RELAY_QUEUE_BUDGET", "0",
            "memory the queued envelopes may take before health warns (0 = half the max heap)"),
    LOG_FORMAT("log-format", "HIVE_RELAY_LOG_FORMAT", "auto",
            "request log: auto (text on a terminal, JSON otherwise), text or json");

    private final String key;
    private final String envVar;
    private final String defaultValue;
    private final String description;

    Setting(String key, String envVar, String defaultValue, String description) {
        this.key = key;
        this.envVar = envVar;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The flag ({@code --key}) and config-file key. */
    public String key() {
        return key;
    }

    public String envVar() {
        return envVar;
    }

    /** The default as text, or null when the setting is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Settings whose values are never printed. */
    public boolean isSecret() {
        return this == ACCESS_TOKENS;
    }

    /** Finds a setting by its flag/config key. */
    public static Setting byKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
