package dev.hive.relay.api;

import io.helidon.http.Status;

/**
 * A request the relay refuses because of the client's mistake: answered with the status
 * and a one-line plain-text reason, never a 500.
 */
public final class ClientError extends RuntimeException {

    private final Status status;

    public ClientError(Status status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public static ClientError badRequest(String reason) {
        return new ClientError(Status.BAD_REQUEST_400, reason);
    }
}
