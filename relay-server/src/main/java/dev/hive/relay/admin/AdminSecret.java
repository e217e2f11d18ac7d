package dev.hive.relay.admin;

import dev.hive.relay.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local admin secret: written fresh (0600) into the data directory by each {@code serve},
 * read by the console commands. Whoever cannot read the file cannot administer the relay.
 * Beside it, {@code admin.addr} records where the admin listener really bound.
 */
public final class AdminSecret {

    public static final String SECRET_FILE = "admin.secret";
    public static final String ADDRESS_FILE = "admin.addr";

    private AdminSecret() {
    }

    /** A fresh random secret. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stores the secret readable by this user only. */
    public static void write(Path dataDir, String secret) {
        AtomicFiles.replace(dataDir.resolve(SECRET_FILE), (secret + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Records the admin listener's bound address for console commands on this host. */
    public static void recordAddress(Path dataDir, String hostPort) {
        AtomicFiles.replace(dataDir.resolve(ADDRESS_FILE), (hostPort + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads the secret.
     *
     * @throws IllegalStateException with a message naming the file and the fix
     */
    public static String read(Path dataDir) {
        Path file = dataDir.resolve(SECRET_FILE);
        try {
            String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (secret.isEmpty()) {
                throw new IllegalStateException("the admin secret " + file + " is empty; restart 'hive-relay serve'");
            }
            return secret;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no admin secret at " + file + "; is 'hive-relay serve' running with "
                    + "this --data-dir? Pass the same --data-dir (or HIVE_RELAY_DATA_DIR) as the relay");
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("cannot read the admin secret " + file + " (permission denied); run as "
                    + "the relay's user, e.g. 'sudo -u hive hive-relay …'");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the admin secret " + file + ": " + e.getMessage());
        }
    }

    /** The recorded admin address, if {@code serve} wrote one. */
    public static java.util.Optional<String> recordedAddress(Path dataDir) {
        try {
            String text = Files.readString(dataDir.resolve(ADDRESS_FILE), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(text);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
