package dev.hive.relay.config;

/** Where a setting's effective value came from, strongest first. */
public enum Source {
    FLAG("flag"),
    ENVIRONMENT("environment"),
    CONFIG_FILE("config file"),
    DEFAULT("default");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
