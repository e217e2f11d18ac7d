package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Online backup: {@code VACUUM INTO} copies one read snapshot while the writer carries on. */
final class SqliteBackup {

    private SqliteBackup() {
    }

    static void copy(Path dataDirOrDbFile, Path target) {
        Path source = dataDirOrDbFile.toAbsolutePath().normalize();
        Path db = Files.isDirectory(source) ? source.resolve(SqliteOpener.DB_FILE) : source;
        Path out = target.toAbsolutePath().normalize();
        if (!Files.isRegularFile(db)) {
            throw new StoreException("cannot back up " + db + ": no database there");
        }
        // Creating the target first refuses an existing file without a check-then-act race;
        // SQLite accepts an empty file as the destination.
        try {
            if (SqliteOpener.posix()) {
                Files.createFile(out, SqliteOpener.ownerOnly("rw-------"));
            } else {
                Files.createFile(out);
            }
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("cannot back up to " + out + ": the file already exists (choose a new name)");
        } catch (IOException e) {
            throw new StoreException("cannot back up to " + out + ": " + SqliteErrors.reason(e), e);
        }
        boolean done = false;
        try (Connection conn = SqliteOpener.connect(db, true);
             PreparedStatement st = conn.prepareStatement("VACUUM INTO ?")) {
            st.setString(1, out.toString());
            st.execute();
            // SQLite does not sync the file VACUUM INTO writes.
            try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            syncDirectory(out.getParent());
            done = true;
        } catch (SQLException e) {
            throw new StoreException("cannot back up " + db + " to " + out + ": " + SqliteErrors.reason(e), e);
        } catch (IOException e) {
            throw new StoreException("cannot back up " + db + " to " + out + ": " + SqliteErrors.reason(e), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // best effort: a partial copy is removed when possible
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not supported on every platform; the file itself is synced
        }
    }
}
