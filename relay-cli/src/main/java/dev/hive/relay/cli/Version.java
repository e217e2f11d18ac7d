package dev.hive.relay.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so {@code --version} and the console agree with the build. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hive-relay " + current(), "Java " + Runtime.version()};
    }
}
