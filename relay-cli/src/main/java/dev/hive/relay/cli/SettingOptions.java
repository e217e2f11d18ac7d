package dev.hive.relay.cli;

import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.config.Setting;
import dev.hive.relay.config.SettingsResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a flag for each relay setting to a command, generated from the {@link Setting} table so
 * no setting can lack one, and resolves them with the environment and config file.
 */
final class SettingOptions {

    static final String CONFIG_OPTION = SettingFlags.CONFIG_OPTION;

    private SettingOptions() {
    }

    /** Adds {@code --config} and a flag for each of the given settings. */
    static void addTo(CommandSpec spec, List<Setting> settings) {
        spec.addOption(OptionSpec.builder(CONFIG_OPTION)
                .paramLabel("FILE")
                .type(Path.class)
                .description("config file (default: $" + SettingsResolver.CONFIG_ENV + ", else "
                        + SettingsResolver.DEFAULT_CONFIG_FILE + " in the working directory if present)")
                .build());
        for (Setting setting : settings) {
            OptionSpec.Builder option = OptionSpec.builder("--" + setting.key())
                    .type(String.class)
                    .description(setting.description() + " [env: " + setting.envVar()
                            + (setting.defaultValue() == null ? "" : "; default: " + setting.defaultValue()) + "]");
            if (setting == Setting.ADMIN_UNSAFE_NON_LOOPBACK) {
                option.arity("0..1").fallbackValue("true").paramLabel("BOOL");
            } else {
                option.paramLabel(label(setting));
            }
            spec.addOption(option.build());
        }
    }

    /** Resolves flags &gt; environment &gt; config file &gt; defaults. */
    static ResolvedSettings resolve(CommandSpec spec, Map<String, String> environment) {
        return flags(spec).resolve(environment);
    }

    /** The flags picocli parsed into the command's options. */
    static SettingFlags flags(CommandSpec spec) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            OptionSpec option = spec.findOption("--" + setting.key());
            if (option != null && option.getValue() != null) {
                flags.put(setting, option.getValue());
            }
        }
        OptionSpec config = spec.findOption(CONFIG_OPTION);
        return new SettingFlags(flags, config == null ? null : config.getValue());
    }

    private static String label(Setting setting) {
        return switch (setting) {
            case ADDR, ADMIN_ADDR -> "HOST:PORT";
            case PORT -> "PORT";
            case DATA_DIR -> "DIR";
            case STORE -> "KIND";
            case ACCESS_TOKENS -> "TOKENS";
            case TOKEN_PUBKEY -> "KEY";
            case TRUSTED_PROXIES -> "IPS";
            case SSE_KEEPALIVE, READ_TIMEOUT, SHUTDOWN_GRACE -> "DURATION";
            case MAX_BODY_BYTES, QUEUE_BUDGET -> "BYTES";
            case LOG_FORMAT -> "FORMAT";
            default -> "N";
        };
    }
}
