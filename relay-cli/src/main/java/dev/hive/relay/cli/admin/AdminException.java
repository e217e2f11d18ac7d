package dev.hive.relay.cli.admin;

/** Talking to the admin endpoint failed; the message is one line naming the fix. */
public final class AdminException extends RuntimeException {

    /** What went wrong, so that callers can react (fall back offline, map to a monitoring state). */
    public enum Kind {
        /** Nothing listens on the admin address: the relay is not running there. */
        NOT_RUNNING,
        /** The connection or the answer took longer than the timeout. */
        TIMEOUT,
        /** The admin secret is missing, unreadable or does not match the running relay. */
        SECRET,
        /** The admin endpoint refused the request (403): Host, browser headers. */
        REFUSED,
        /** Something other than hive-relay answers on the address. */
        NOT_HIVE,
        /** The relay answered with an error about the request itself (e.g. no such token). */
        REJECTED
    }

    private final Kind kind;
    private final String brief;

    public AdminException(Kind kind, String message) {
        this(kind, message, message);
    }

    /** @param brief the cause in a few words, for a status line with little room (e.g. {@code top}'s header) */
    public AdminException(Kind kind, String message, String brief) {
        super(message, null, false, false);
        this.kind = kind;
        this.brief = brief;
    }

    public Kind kind() {
        return kind;
    }

    /** The cause in a few words, most telling first ("connection refused by 127.0.0.1:8444"). */
    public String brief() {
        return brief;
    }
}
