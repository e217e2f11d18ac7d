package dev.hive.relay.gate;

/** An access-gate setting that cannot be used; the relay must refuse to start rather than fall back to open. */
public final class GateConfigException extends IllegalArgumentException {

    /** Creates the exception with an operator-facing, one-line message. */
    public GateConfigException(String message) {
        super(message);
    }

    /** Creates the exception with an operator-facing message and its cause. */
    public GateConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
