package dev.hive.relay.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The checkout the tests run in: its files, the jar the build made, the JVM running the tests. */
final class Repo {

    private Repo() {
    }

    /** The repository root: the nearest directory up from the working directory with mvnw and deploy/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("deploy"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (mvnw and deploy/) above " + dir);
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shaded jar of the package phase; integration tests run after it. */
    static Path jar() {
        Path jar = file("relay-cli/target/hive-relay.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run in the verify phase, "
                    + "after package (./mvnw -B verify)");
        }
        return jar;
    }

    /** The home of the JVM running the tests (the JDK the build uses). */
    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    static int javaFeatureVersion() {
        return Runtime.version().feature();
    }

    /** Whether a program is on PATH. */
    static boolean onPath(String program) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + program).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
