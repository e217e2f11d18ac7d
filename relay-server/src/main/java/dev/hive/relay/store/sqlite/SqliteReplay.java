package dev.hive.relay.store.sqlite;

import dev.hive.relay.store.Journal.DeviceRecordKind;
import dev.hive.relay.store.Journal.JournalLoader;
import dev.hive.relay.store.StoreException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams the database into a loader on its own read-only connection, in one snapshot. Forward-only
 * cursors; per row only the strings and byte arrays handed to the loader are allocated.
 */
final class SqliteReplay {

    private SqliteReplay() {
    }

    static void replay(Path db, JournalLoader loader) {
        try (Connection conn = SqliteOpener.connect(db, true)) {
            conn.setAutoCommit(false); // one read transaction: rooms and rows from the same commit
            List<String> rooms = new ArrayList<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT room, last_seq FROM rooms ORDER BY room")) {
                while (rs.next()) {
                    String room = rs.getString(1);
                    rooms.add(room);
                    loader.room(room, rs.getLong(2));
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT seq, received_at, dedup_key, body FROM envelopes WHERE room = ? ORDER BY seq")) {
                for (String room : rooms) {
                    ps.setString(1, room);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            loader.envelope(room, rs.getLong(1), rs.getLong(2), rs.getString(3), bytes(rs, 4));
                        }
                    }
                }
            }
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT room, blob FROM keyring ORDER BY room, idx")) {
                while (rs.next()) {
                    loader.keyring(rs.getString(1), bytes(rs, 2));
                }
            }
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT room, kind, device_id, data, seen_at FROM device_records"
                         + " ORDER BY room, kind, device_id")) {
                while (rs.next()) {
                    loader.deviceRecord(rs.getString(1), kind(rs.getString(2)), rs.getString(3), bytes(rs, 4),
                            rs.getLong(5));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + db + ": " + SqliteErrors.reason(e), e);
        }
    }

    private static byte[] bytes(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b != null ? b : new byte[0]; // the driver reads a zero-length blob as null
    }

    private static DeviceRecordKind kind(String name) throws SQLException {
        try {
            return DeviceRecordKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SQLException("unknown device record kind '" + name + "'", e);
        }
    }
}
