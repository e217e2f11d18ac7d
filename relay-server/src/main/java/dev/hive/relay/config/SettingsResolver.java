package dev.hive.relay.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves settings with the precedence flags &gt; environment &gt; config file
 * ({@code hive-relay.yaml}) &gt; defaults, and validates them, so that a bad value fails
 * at start-up with a message naming the setting, its source and the fix.
 */
public final class SettingsResolver {

    /** The config file looked for in the working directory when none is named. */
    public static final String DEFAULT_CONFIG_FILE = "hive-relay.yaml";
    /** Names the config file in the environment when no flag does. */
    public static final String CONFIG_ENV = "HIVE_RELAY_CONFIG";
    /**
     * A constant, not a lambda at its use: the class initialiser links it in every run, so the AOT
     * cache holds it even though the training run gives --addr, not --port.
     */
    private static final Function<String, HostPort> ANY_HOST_AT_PORT =
            text -> new HostPort("0.0.0.0", HostPort.parsePort(text));

    private final Map<Setting, String> flags;
    private final Map<String, String> environment;
    private final Map<Setting, String> fileValues;
    private final Path configFile;
    private final Map<Setting, Source> sources = new EnumMap<>(Setting.class);

    private SettingsResolver(Map<Setting, String> flags, Map<String, String> environment, Path configFile) {
        this.flags = flags;
        this.environment = environment;
        this.configFile = configFile;
        this.fileValues = configFile == null ? Map.of() : readConfigFile(configFile);
    }

    /**
     * Resolves everything.
     *
     * @param flags       values given on the command line
     * @param environment the process environment
     * @param configFlag  {@code --config} if given, else null
     * @param workingDir  where {@code hive-relay.yaml} is looked for
     */
    public static ResolvedSettings resolve(Map<Setting, String> flags, Map<String, String> environment,
                                           Path configFlag, Path workingDir) {
        SettingsResolver resolver = new SettingsResolver(flags, environment,
                findConfigFile(configFlag, environment, workingDir));
        RelaySettings settings = resolver.build();
        return new ResolvedSettings(settings, resolver.effective(settings), Optional.ofNullable(resolver.configFile));
    }

    private static Path findConfigFile(Path configFlag, Map<String, String> environment, Path workingDir) {
        Path named = configFlag;
        String source = "--config";
        if (named == null && notBlank(environment.get(CONFIG_ENV))) {
            named = Path.of(environment.get(CONFIG_ENV).trim());
            source = CONFIG_ENV;
        }
        if (named != null) {
            if (!Files.isRegularFile(named)) {
                throw new SettingsException("config file " + named + " (from " + source
                        + ") does not exist; fix the path or drop " + source);
            }
            return named;
        }
        Path local = workingDir.resolve(DEFAULT_CONFIG_FILE);
        return Files.isRegularFile(local) ? local : null;
    }

    private static Map<Setting, String> readConfigFile(Path file) {
        Config config;
        try {
            config = Config.just(ConfigSources.file(file));
            config.traverse().count();
        } catch (ConfigException | IllegalStateException e) {
            throw new SettingsException("config file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Config node : config.asNodeList().orElse(List.of())) {
            String key = node.key().name();
            Setting setting = Setting.byKey(key);
            if (setting == null) {
                throw new SettingsException("config file " + file + ": unknown setting '" + key
                        + "'; known settings: " + String.join(", ", Arrays.stream(Setting.values())
                        .map(Setting::key).toList()));
            }
            if (node.isLeaf()) {
                values.put(setting, node.asString().orElse(""));
            } else {
                // A YAML list, e.g. access-tokens: [a, b], reads as the comma-separated form.
                values.put(setting, String.join(",", node.asList(String.class).orElse(List.of())));
            }
        }
        return values;
    }

    private RelaySettings build() {
        HostPort publicAddress = publicAddress();
        HostPort adminAddress = parse(Setting.ADMIN_ADDR, HostPort::parse);
        boolean unsafeAdmin = parse(Setting.ADMIN_UNSAFE_NON_LOOPBACK, SettingsResolver::parseBoolean);
        if (!unsafeAdmin && !adminAddress.isLoopback()) {
            throw new SettingsException("admin-addr " + adminAddress + " (" + sources.get(Setting.ADMIN_ADDR).label()
                    + ") is not a loopback address; the console must stay on this host: use 127.0.0.1:PORT, "
                    + "or pass --admin-unsafe-allow-non-loopback if you really mean to expose it");
        }
        StoreKind store = parse(Setting.STORE, text -> StoreKind.valueOf(enumName(text, "sqlite or memory",
                StoreKind.class)));
        List<String> tokens = List.of();
        String rawTokens = raw(Setting.ACCESS_TOKENS);
        // Empty means unset (open), as the product has always documented; separators with no
        // token between them (",,") are a mistake that must not silently open the relay.
        if (rawTokens != null && !rawTokens.isBlank()) {
            tokens = Arrays.stream(rawTokens.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
            if (tokens.isEmpty()) {
                throw new SettingsException(Setting.ACCESS_TOKENS.envVar() + " is set ("
                        + sources.get(Setting.ACCESS_TOKENS).label() + ") but holds no token; "
                        + "unset it for an open relay or list at least one token");
            }
        }
        String publicKey = raw(Setting.TOKEN_PUBKEY);
        if (publicKey != null && publicKey.isBlank()) {
            throw new SettingsException(Setting.TOKEN_PUBKEY.envVar() + " is set ("
                    + sources.get(Setting.TOKEN_PUBKEY).label() + ") but empty; unset it or give the Ed25519 public key");
        }
        double pushRate = parse(Setting.PUSH_RATE, text -> {
            double rate = Double.parseDouble(text.trim());
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("'" + text + "' is not a rate of zero or more per second");
            }
            return rate;
        });
        return new RelaySettings(
                publicAddress,
                adminAddress,
                unsafeAdmin,
                dataDir(),
                store,
                tokens,
                publicKey == null ? null : publicKey.trim(),
                parse(Setting.MAX_BODY_BYTES, text -> positive(Units.parseSize(text), text)),
                parse(Setting.MAX_ENVELOPES, SettingsResolver::parseInt),
                parse(Setting.RETENTION_DAYS, SettingsResolver::parseInt),
                pushRate,
                parse(Setting.PUSH_BURST, text -> (int) positive(parseInt(text), text)),
                parse(Setting.MAX_SSE, SettingsResolver::parseInt),
                parse(Setting.TRUSTED_PROXIES, text -> Arrays.stream(text.split(","))
                        .map(String::trim).filter(t -> !t.isEmpty()).toList(), List.of()),
                parse(Setting.SSE_KEEPALIVE, text -> positive(Units.parseDuration(text), text)),
                parse(Setting.READ_TIMEOUT, text -> positive(Units.parseDuration(text), text)),
                parse(Setting.SHUTDOWN_GRACE, Units::parseDuration),
                parse(Setting.QUEUE_BUDGET, Units::parseSize),
                parse(Setting.LOG_FORMAT, text -> LogFormat.valueOf(enumName(text, "auto, text or json",
                        LogFormat.class))));
    }

    /** $PORT (flag --port) wins over HIVE_RELAY_ADDR (flag --addr) at the same level, as PaaS hosts expect. */
    private HostPort publicAddress() {
        if (flags.containsKey(Setting.PORT) && flags.containsKey(Setting.ADDR)) {
            throw new SettingsException("give either --port or --addr, not both");
        }
        for (Source level : List.of(Source.FLAG, Source.ENVIRONMENT, Source.CONFIG_FILE)) {
            String port = valueAt(Setting.PORT, level);
            if (notBlank(port)) {
                sources.put(Setting.PORT, level);
                sources.put(Setting.ADDR, level);
                return convert(Setting.PORT, port, level, ANY_HOST_AT_PORT);
            }
            String addr = valueAt(Setting.ADDR, level);
            if (notBlank(addr)) {
                sources.put(Setting.ADDR, level);
                return convert(Setting.ADDR, addr, level, HostPort::parse);
            }
        }
        sources.put(Setting.ADDR, Source.DEFAULT);
        return HostPort.parse(Setting.ADDR.defaultValue());
    }

    private Path dataDir() {
        String configured = raw(Setting.DATA_DIR);
        if (configured != null) {
            if (configured.isBlank()) {
                throw new SettingsException("data-dir is empty (" + sources.get(Setting.DATA_DIR).label()
                        + "); name a directory or leave it unset");
            }
            return Path.of(configured.trim()).toAbsolutePath();
        }
        return defaultDataDir(environment);
    }

    /** systemd's StateDirectory first, then the XDG state directory, then ~/.local/state. */
    public static Path defaultDataDir(Map<String, String> environment) {
        String systemd = environment.get("STATE_DIRECTORY");
        if (notBlank(systemd)) {
            return Path.of(systemd.split(":")[0]).toAbsolutePath();
        }
        String xdg = environment.get("XDG_STATE_HOME");
        if (notBlank(xdg)) {
            return Path.of(xdg, "hive-relay").toAbsolutePath();
        }
        String home = Optional.ofNullable(environment.get("HOME")).orElse(System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "hive-relay").toAbsolutePath();
    }

    /** The raw text of a setting from the strongest source that has it, or null (records the source). */
    private String raw(Setting setting) {
        for (Source level : List.of(Source.FLAG, Source.ENVIRONMENT, Source.CONFIG_FILE)) {
            String value = valueAt(setting, level);
            if (value != null) {
                sources.put(setting, level);
                return value;
            }
        }
        sources.put(setting, Source.DEFAULT);
        return setting.defaultValue();
    }

    private String valueAt(Setting setting, Source level) {
        return switch (level) {
            case FLAG -> flags.get(setting);
            case ENVIRONMENT -> environment.get(setting.envVar());
            case CONFIG_FILE -> fileValues.get(setting);
            case DEFAULT -> setting.defaultValue();
        };
    }

    private <T> T parse(Setting setting, Function<String, T> parser) {
        return parse(setting, parser, null);
    }

    private <T> T parse(Setting setting, Function<String, T> parser, T whenUnset) {
        String text = raw(setting);
        if (text == null) {
            return whenUnset;
        }
        return convert(setting, text, sources.get(setting), parser);
    }

    private <T> T convert(Setting setting, String text, Source level, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            String where = switch (level) {
                case FLAG -> "--" + setting.key() + "=" + text;
                case ENVIRONMENT -> setting.envVar() + "=" + text;
                case CONFIG_FILE -> setting.key() + ": " + text + " in " + configFile;
                case DEFAULT -> setting.key() + " default " + text;
            };
            String reason = e instanceof NumberFormatException ? "not a number" : e.getMessage();
            throw new SettingsException("invalid " + where + ": " + reason + " (" + setting.description() + ")");
        }
    }

    private List<ResolvedSettings.Effective> effective(RelaySettings settings) {
        List<ResolvedSettings.Effective> rows = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (setting == Setting.PORT) {
                continue;
            }
            Source source = sources.getOrDefault(setting, Source.DEFAULT);
            rows.add(new ResolvedSettings.Effective(setting, display(setting, settings), source));
        }
        return rows;
    }

    private static String display(Setting setting, RelaySettings s) {
        return switch (setting) {
            case ADDR, PORT -> s.publicAddress().toString();
            case ADMIN_ADDR -> s.adminAddress().toString();
            case ADMIN_UNSAFE_NON_LOOPBACK -> String.valueOf(s.adminUnsafeNonLoopback());
            case DATA_DIR -> s.dataDir().toString();
            case STORE -> s.store().name().toLowerCase(Locale.ROOT);
            case ACCESS_TOKENS -> s.accessTokens().isEmpty() ? "(none)"
                    : s.accessTokens().size() + (s.accessTokens().size() == 1 ? " token" : " tokens") + " (masked)";
            case TOKEN_PUBKEY -> s.tokenPublicKey() == null ? "(none)" : s.tokenPublicKey();
            case MAX_BODY_BYTES -> String.valueOf(s.maxBodyBytes());
            case MAX_ENVELOPES -> String.valueOf(s.maxEnvelopesPerRoom());
            case RETENTION_DAYS -> String.valueOf(s.retentionDays());
            case PUSH_RATE -> stripZero(s.pushRate());
            case PUSH_BURST -> String.valueOf(s.pushBurst());
            case MAX_SSE -> String.valueOf(s.maxStreams());
            case TRUSTED_PROXIES -> s.trustedProxies().isEmpty() ? "(none)" : String.join(",", s.trustedProxies());
            case SSE_KEEPALIVE -> Units.formatDuration(s.sseKeepAlive());
            case READ_TIMEOUT -> Units.formatDuration(s.readTimeout());
            case SHUTDOWN_GRACE -> Units.formatDuration(s.shutdownGrace());
            case QUEUE_BUDGET -> s.queueBudgetBytes() == 0 ? "auto (half the max heap)"
                    : Units.formatBytes(s.queueBudgetBytes());
            case LOG_FORMAT -> s.logFormat().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String stripZero(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static int parseInt(String text) {
        long value = Units.parseNonNegative(text, "'" + text + "' is not a whole number of zero or more");
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return (int) value;
    }

    private static long positive(long value, String text) {
        if (value <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be more than zero");
        }
        return value;
    }

    private static Duration positive(Duration value, String text) {
        if (value.isZero()) {
            throw new IllegalArgumentException("'" + text + "' must be more than zero");
        }
        return value;
    }

    private static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static <E extends Enum<E>> String enumName(String text, String allowed, Class<E> type) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return name;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + allowed);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
