package dev.hive.relay.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of an installed relay laid out under a scratch root, as the container image or
 * install.sh lays them out under /: the built jar and the deploy scripts, copied.
 *
 * <p>When the tests run as root (CI does), the relay is run as {@code nobody}, standing in for
 * the user {@code hive} of the image and the unit, so the scratch root is world-readable.
 */
final class Layout {

    /** The user that stands in for 'hive' when the tests run as root. */
    static final String SERVICE_USER = "nobody";

    private Layout() {
    }

    /** Makes {@code dir} (and so everything under it) reachable by the service user. */
    static Path openUp(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file from the repository (or the jar) with the given mode. */
    static Path install(Path source, Path target, String mode) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The container image's files under {@code root}: /app/hive-relay.jar and, in /usr/local/bin,
     * the wrapper, build-aot-cache and the entry point (what the Dockerfile's COPY lines put there).
     */
    static Path image(Path root) {
        openUp(root);
        for (Path dir : List.of(root.resolve("app"), root.resolve("usr"), root.resolve("usr/local"),
                root.resolve("usr/local/bin"))) {
            openUp(dir);
        }
        install(Repo.jar(), root.resolve("app/hive-relay.jar"), "rw-r--r--");
        install(Repo.file("deploy/bin/hive-relay"), root.resolve("usr/local/bin/hive-relay"), "rwxr-xr-x");
        install(Repo.file("deploy/bin/build-aot-cache"), root.resolve("usr/local/bin/build-aot-cache"), "rwxr-xr-x");
        install(Repo.file("deploy/container/entrypoint.sh"), root.resolve("usr/local/bin/docker-entrypoint.sh"),
                "rwxr-xr-x");
        return root;
    }

    /**
     * The environment a container of the image starts with: the image's ENV (paths under /app and
     * /data moved under {@code root}), and what the base image sets (JAVA_HOME, PATH).
     */
    static Map<String, String> imageEnvironment(Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", root.resolve("usr/local/bin") + ":" + Repo.javaHome().resolve("bin")
                + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("JAVA_HOME", Repo.javaHome().toString());
        env.put("LANG", "C.UTF-8");
        DeployFiles.dockerEnv().forEach((name, value) -> env.put(name,
                value.startsWith("/app") || value.startsWith("/data") ? root + value : value));
        if (Repo.runningAsRoot()) {
            env.put("HIVE_RELAY_USER", SERVICE_USER);
        }
        return env;
    }

    /** Runs {@code command} as the service user when the tests run as root (as the image's USER would). */
    static List<String> asServiceUser(List<String> command) {
        if (!Repo.runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + SERVICE_USER,
                "--regid=" + groupOf(SERVICE_USER), "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives a directory to the service user when the tests run as root (as systemd does for StateDirectory=). */
    static void giveToServiceUser(Path dir) {
        if (!Repo.runningAsRoot()) {
            return;
        }
        try {
            Process p = new ProcessBuilder("chown", "-R", SERVICE_USER + ":" + groupOf(SERVICE_USER), dir.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("chown failed for " + dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String groupOf(String user) {
        try {
            Process p = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String group = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return group;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
