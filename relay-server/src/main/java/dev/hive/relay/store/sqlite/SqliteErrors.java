package dev.hive.relay.store.sqlite;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;

/** Turns driver and file-system errors into reasons an operator can act on. */
final class SqliteErrors {

    private SqliteErrors() {
    }

    static boolean isConstraint(SQLException e) {
        return primary(e) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }

    static String reason(SQLException e) {
        int code = primary(e);
        if (code == SQLiteErrorCode.SQLITE_FULL.code) {
            return "disk full (database or disk is full)";
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
            return "the file or its file system is read-only";
        }
        if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
            return "I/O error (" + ((SQLiteException) e).getResultCode().name() + ")";
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return "unable to open the file";
        }
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return "the database is locked by another process";
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return "the database file is corrupt";
        }
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return "not a SQLite database";
        }
        if (code == SQLiteErrorCode.SQLITE_PERM.code || code == SQLiteErrorCode.SQLITE_AUTH.code) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int primary(SQLException e) {
        return e instanceof SQLiteException se ? se.getResultCode().code & 0xff : -1;
    }
}
