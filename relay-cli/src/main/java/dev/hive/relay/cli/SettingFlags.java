package dev.hive.relay.cli;

import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.config.Setting;
import dev.hive.relay.config.SettingsResolver;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The setting flags a command was given: each setting's value and {@code --config}.
 *
 * <p>{@link #parseServe} reads {@code serve}'s flags without picocli, for start-up time:
 * picocli's Java 5 classes cannot go into the JDK's AOT cache, and loading them and building
 * the command model took about 0.2 s of the relay's start on one core. It accepts only plain
 * forms that picocli reads the same way, and declines anything else (help, version, usage
 * mistakes, odd forms) by returning null, so that picocli handles those as before.
 */
record SettingFlags(Map<Setting, String> flags, Path configFile) {

    static final String CONFIG_OPTION = "--config";

    private static final String ADMIN_UNSAFE = "--" + Setting.ADMIN_UNSAFE_NON_LOOPBACK.key();

    /** {@code hive-relay ARGS} read as serve's flags, or null when picocli should handle them. */
    static SettingFlags parseServe(String[] args) {
        if (args.length == 0 || !args[0].equals("serve") || picocliPropertySet()) {
            return null;
        }
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        Path configFile = null;
        for (int i = 1; i < args.length; i++) {
            String option = optionName(args[i]);
            if (option == null) {
                return null;
            }
            String value;
            if (option.length() < args[i].length()) {
                value = args[i].substring(option.length() + 1);
            } else if (option.equals(ADMIN_UNSAFE)) {
                // Its value is optional: picocli takes the next word as the value unless it is an option.
                if (i + 1 < args.length && optionName(args[i + 1]) == null) {
                    return null;
                }
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")
                    || (option.equals(ADMIN_UNSAFE) && !value.equals("true") && !value.equals("false"))) {
                return null;
            }
            if (option.equals(CONFIG_OPTION)) {
                if (configFile != null) {
                    return null;
                }
                try {
                    configFile = Path.of(value);
                } catch (InvalidPathException e) {
                    return null;
                }
            } else if (flags.putIfAbsent(Setting.byKey(option.substring(2)), value) != null) {
                return null; // picocli rejects an option given twice
            }
        }
        return new SettingFlags(flags, configFile);
    }

    /** Resolves flags &gt; environment &gt; config file &gt; defaults. */
    ResolvedSettings resolve(Map<String, String> environment) {
        return SettingsResolver.resolve(flags, environment, configFile, Path.of("").toAbsolutePath());
    }

    /** The option a {@code --NAME} or {@code --NAME=VALUE} word names if it is a setting or --config, else null. */
    private static String optionName(String word) {
        int equals = word.indexOf('=');
        String option = equals < 0 ? word : word.substring(0, equals);
        boolean known = option.equals(CONFIG_OPTION)
                || (option.startsWith("--") && Setting.byKey(option.substring(2)) != null);
        return known ? option : null;
    }

    /** picocli.* system properties change how picocli parses (quotes, @-files, converters, tracing). */
    private static boolean picocliPropertySet() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }
}
