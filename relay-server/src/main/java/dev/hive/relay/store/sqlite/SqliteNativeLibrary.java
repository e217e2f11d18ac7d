package dev.hive.relay.store.sqlite;

import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;

/**
 * Keeps sqlite-jdbc's native library next to the relay's jar (a {@value #CACHE_DIR} directory,
 * made by the install-time training run), else in the data directory. Left alone, sqlite-jdbc extracts the
 * 1 MB library to the temp directory on every start and deletes it on exit, and finds which one
 * to extract by running {@code uname}: together a good part of the relay's start-up. The copy
 * kept here is checked against the jar entry's CRC, so an upgraded jar replaces it.
 * <p>
 * Best effort: when anything goes wrong (or {@code org.sqlite.lib.path} is set already, by the
 * operator or an earlier open), sqlite-jdbc loads its library the usual way; if the kept copy
 * cannot be loaded (a {@code noexec} mount), sqlite-jdbc falls back to extracting it itself.
 */
final class SqliteNativeLibrary {

    static final String CACHE_DIR = "sqlite-native";
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final String TMPDIR_PROPERTY = "org.sqlite.tmpdir";
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private SqliteNativeLibrary() {
    }

    /** Points sqlite-jdbc at the kept copy, making it first when there is none; once per process. */
    static void useCopyIn(Path dataDir) {
        if (System.getProperty(PATH_PROPERTY) != null || !DONE.compareAndSet(false, true)) {
            return;
        }
        Path jarDir = jarDirectory();
        List<Path> candidates = jarDir == null ? List.of(dataDir) : List.of(jarDir, dataDir);
        for (Path candidate : candidates) {
            try {
                Path lib = keptCopy(candidate.resolve(CACHE_DIR));
                System.setProperty(PATH_PROPERTY, lib.getParent().toString());
                System.setProperty(NAME_PROPERTY, lib.getFileName().toString());
                narrowStaleLibrarySweep(lib);
                return;
            } catch (IOException | RuntimeException e) {
                // Read-only (an installed jar run by the service user): try the next place; after
                // the last, sqlite-jdbc extracts the library to the temp directory as before.
            }
        }
    }

    /**
     * Before loading, sqlite-jdbc sweeps its temp directory (java.io.tmpdir) for copies other
     * processes extracted and left behind: a listing of the whole directory, slow when it is big.
     * Once the kept copy is loaded (here, so a failure is known now; sqlite-jdbc's own load of the
     * same file is then a no-op), nothing is ever extracted, so the sweep is pointed at the kept
     * directory. If the copy does not load, sqlite-jdbc keeps its usual temp directory to extract to.
     */
    private static void narrowStaleLibrarySweep(Path lib) {
        if (System.getProperty(TMPDIR_PROPERTY) != null) {
            return;
        }
        try {
            System.load(lib.toString());
            System.setProperty(TMPDIR_PROPERTY, lib.getParent().toString());
        } catch (UnsatisfiedLinkError | SecurityException e) {
            // e.g. a noexec mount: sqlite-jdbc extracts the library to its temp directory
        }
    }

    /** The directory of the jar this class came from; null when it was not loaded from a jar (tests). */
    private static Path jarDirectory() {
        try {
            Path code = Path.of(SqliteNativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(code) ? code.getParent() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The kept copy in {@code dir}, extracted first when missing or not the jar's. */
    static Path keptCopy(Path dir) throws IOException {
        Path lib = dir.resolve(System.mapLibraryName("sqlitejdbc"));
        Path source = dir.resolve("source");
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        if (Files.isRegularFile(source) && Files.isRegularFile(lib)) {
            // platform, resource, CRC: the resource name costs sqlite-jdbc a 'uname' run to work out.
            List<String> lines = Files.readAllLines(source);
            if (lines.size() == 3 && lines.get(0).equals(platform)) {
                ZipEntry entry = jarEntry(lines.get(1));
                if (entry != null && Long.toString(entry.getCrc()).equals(lines.get(2))
                        && entry.getSize() == Files.size(lib)) {
                    return lib;
                }
            }
        }
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        ZipEntry entry = jarEntry(resource);
        if (entry == null) {
            throw new IOException("no jar entry " + resource);
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "lib", ".tmp");
        try {
            try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no resource " + resource);
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            readableByAll(tmp);
            Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path marker = Files.createTempFile(dir, "source", ".tmp");
            try {
                Files.writeString(marker, platform + "\n" + resource + "\n" + entry.getCrc() + "\n");
                readableByAll(marker);
                Files.move(marker, source, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(marker);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return lib;
    }

    /** The install-time training run is root's; the service runs as its own user and reads the copy. */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The jar entry behind a resource, or null when it is not in a jar (then nothing is kept). */
    private static ZipEntry jarEntry(String resource) throws IOException {
        URL url = SqliteNativeLibrary.class.getResource(resource);
        if (url == null) {
            return null;
        }
        URLConnection conn = url.openConnection();
        return conn instanceof JarURLConnection jar ? jar.getJarEntry() : null;
    }
}
