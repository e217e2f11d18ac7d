package dev.hive.relay.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The settings a command runs with, and for each one the value shown to the operator and its source. */
public record ResolvedSettings(RelaySettings settings, List<Effective> effective, Optional<Path> configFile) {

    public ResolvedSettings {
        effective = List.copyOf(effective);
    }

    /** One row of the effective-settings listing; secrets are already masked in {@code display}. */
    public record Effective(Setting setting, String display, Source source) {
    }
}
