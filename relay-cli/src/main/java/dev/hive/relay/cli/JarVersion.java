package dev.hive.relay.cli;

/** The version from the jar's manifest ("dev" when run from classes), without picocli's {@link Version}. */
final class JarVersion {

    private JarVersion() {
    }

    static String current() {
        String version = JarVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
