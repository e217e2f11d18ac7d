package dev.hive.relay.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so {@code --version} and the console agree with the build. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"hive-relay " + JarVersion.current(), "Java " + Runtime.version()};
    }
}
