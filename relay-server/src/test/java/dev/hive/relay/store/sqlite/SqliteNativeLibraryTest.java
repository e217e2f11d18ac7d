package dev.hive.relay.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteNativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void extractsOnceAndKeepsAReadableCopy() throws Exception {
        Path lib = SqliteNativeLibrary.keptCopy(dir);
        assertTrue(Files.size(lib) > 0);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(lib)));
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(lib, old);

        assertEquals(lib, SqliteNativeLibrary.keptCopy(dir));
        assertEquals(old, Files.getLastModifiedTime(lib), "a matching copy is reused, not extracted again");
    }

    @Test
    void replacesACopyThatDoesNotMatchTheJar() throws Exception {
        Path lib = SqliteNativeLibrary.keptCopy(dir);
        long size = Files.size(lib);
        Files.writeString(lib, "not a library");

        SqliteNativeLibrary.keptCopy(dir);
        assertEquals(size, Files.size(lib));
    }
}
