package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteBatchWriterTest {

    @TempDir
    Path tmp;

    @Test
    void housekeepingGivesSpaceBackAndEmptiesTheLogWhenIdle() throws Exception {
        Path db = tmp.resolve("relay.db");
        Connection conn = SqliteOpener.openForWriting(db, 0);
        try (BatchWriter writer = new BatchWriter(conn, db); Statement st = conn.createStatement()) {
            byte[] body = new byte[600];
            for (int batch = 0; batch < 20; batch++) {
                List<Op> ops = new ArrayList<>();
                for (int i = 1; i <= 1000; i++) {
                    ops.add(new Op.Envelope("r", batch * 1000L + i, 0, null, body, null));
                }
                assertEquals(1000, writer.write(ops, new StoreException[ops.size()]));
            }
            writer.write(List.of(new Op.Prune("r", 19_000)), new StoreException[1]);
            long pagesBefore = pages(st);
            assertTrue(SqliteOpener.number(st, "PRAGMA freelist_count") > 2048);

            writer.housekeep(true);

            assertTrue(pages(st) < pagesBefore - 2048, pages(st) + " pages, before " + pagesBefore);
            assertEquals(0, Files.size(Path.of(db + "-wal")));
            assertEquals("ok", SqliteOpener.string(st, "PRAGMA quick_check"));
            assertEquals(20_000, SqliteOpener.number(st, "SELECT last_seq FROM rooms WHERE room = 'r'"));
            assertEquals(1000, SqliteOpener.number(st, "SELECT count(*) FROM envelopes"));
        }
    }

    private static long pages(Statement st) throws SQLException {
        return SqliteOpener.number(st, "PRAGMA page_count");
    }
}
