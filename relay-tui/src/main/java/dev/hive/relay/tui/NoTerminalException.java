package dev.hive.relay.tui;

import java.io.IOException;

/** {@code top} was started without an interactive terminal (a pipe, a cron job, CI). */
public final class NoTerminalException extends IOException {

    public NoTerminalException(String message) {
        super(message);
    }
}
