package dev.hive.relay.json;

/** Malformed JSON, or JSON of the wrong shape; the message is one line, fit to show a client. */
public final class JsonException extends RuntimeException {

    /** Creates the exception with a one-line, client-presentable message. */
    public JsonException(String message) {
        super(message);
    }
}
