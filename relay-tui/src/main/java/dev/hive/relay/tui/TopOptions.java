package dev.hive.relay.tui;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code top} looks and how often it asks the relay.
 *
 * @param delay   initial refresh interval; {@code +}/{@code -} step through {@link #STEPS} from there
 * @param noColor no colours at all (bold and reverse video remain), as {@code NO_COLOR} asks
 * @param ascii   ASCII drawing characters only, for terminals or locales without UTF-8
 */
public record TopOptions(Duration delay, boolean noColor, boolean ascii) {

    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);
    public static final Duration MIN_DELAY = Duration.ofMillis(100);
    public static final Duration MAX_DELAY = Duration.ofHours(1);

    public TopOptions {
        Objects.requireNonNull(delay, "delay");
        if (delay.compareTo(MIN_DELAY) < 0 || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "refresh delay must be between 100ms and 1h, got " + Format.interval(delay));
        }
    }

    /** One-second refresh, colours, Unicode. */
    public static TopOptions defaults() {
        return new TopOptions(DEFAULT_DELAY, false, false);
    }

    /**
     * Defaults adjusted to the environment: {@code NO_COLOR} (any non-empty value) turns colours
     * off, and a locale that is set but not UTF-8 (e.g. {@code LANG=C}) selects ASCII glyphs.
     */
    public static TopOptions fromEnvironment(Map<String, String> env) {
        return new TopOptions(DEFAULT_DELAY, noColorRequested(env), !unicodeLocale(env));
    }

    public TopOptions withDelay(Duration newDelay) {
        return new TopOptions(newDelay, noColor, ascii);
    }

    public TopOptions withNoColor(boolean value) {
        return new TopOptions(delay, value, ascii);
    }

    public TopOptions withAscii(boolean value) {
        return new TopOptions(delay, noColor, value);
    }

    static boolean noColorRequested(Map<String, String> env) {
        String value = env.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }

    // POSIX precedence: the first non-empty of LC_ALL, LC_CTYPE, LANG decides the charset.
    // Nothing set at all is common in SSH sessions to UTF-8 terminals, so it counts as Unicode.
    static boolean unicodeLocale(Map<String, String> env) {
        for (String key : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(key);
            if (value != null && !value.isEmpty()) {
                String upper = value.toUpperCase(Locale.ROOT);
                return upper.contains("UTF-8") || upper.contains("UTF8");
            }
        }
        return true;
    }
}
