package dev.hive.relay.store;

/** The store cannot do what was asked; the message is fit for an operator. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
