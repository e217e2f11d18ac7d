package dev.hive.relay.config;

/** How request log lines are written. */
public enum LogFormat {
    /** Text on a terminal, JSON otherwise. */
    AUTO,
    TEXT,
    JSON
}
