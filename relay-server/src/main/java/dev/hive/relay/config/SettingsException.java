package dev.hive.relay.config;

/** A setting is invalid; the message names the setting, where it came from, and the fix. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
