package dev.hive.relay.api;

import dev.hive.relay.json.JsonValidator;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;

/** Reads request bodies as bytes under a size cap, and checks they are JSON. */
public final class RequestBodies {

    private final long maxBodyBytes;
    private final Runnable onProgress;

    /** @param onProgress told after each read that brought bytes, so a slow but steady body is not cut off */
    public RequestBodies(long maxBodyBytes, Runnable onProgress) {
        this.maxBodyBytes = maxBodyBytes;
        this.onProgress = onProgress;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The body's bytes; 413 when it is over the cap (declared or actual), 415 when it says it is not JSON. */
    public byte[] readJson(ServerRequest request) {
        requireJsonContentType(request);
        byte[] body = read(request);
        String problem = JsonValidator.problem(body, 0, body.length);
        if (problem != null) {
            throw ClientError.badRequest("body is not valid JSON: " + problem);
        }
        return body;
    }

    /** The body's bytes, up to the cap. */
    public byte[] read(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared) : readChunked(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            // The client ended its side before sending the length it declared: its mistake, not a 500.
            throw ClientError.badRequest("the body ended before its declared length");
        } catch (NumberFormatException e) {
            // Helidon's chunked decoder throws this for a chunk-size line that is not hex.
            throw ClientError.badRequest("the chunked body is malformed");
        }
    }

    /** Exactly the declared length, into an array of that size (the connection frames the body). */
    private byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] body = new byte[declared];
        int length = 0;
        while (length < declared) {
            int read = in.read(body, length, declared - length);
            if (read < 0) {
                throw ClientError.badRequest("the body ended before its declared length");
            }
            length += read;
            onProgress.run();
        }
        return body;
    }

    /** A body of unknown length, grown by doubling up to the cap. */
    private byte[] readChunked(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > maxBodyBytes) {
                    throw tooLarge();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBodyBytes + 1));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
            onProgress.run();
            if (length > maxBodyBytes) {
                throw tooLarge();
            }
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private ClientError tooLarge() {
        return new ClientError(Status.REQUEST_ENTITY_TOO_LARGE_413,
                "body is larger than the relay's limit of " + maxBodyBytes + " bytes");
    }

    /** A missing content type is fine (some clients omit it); a declared non-JSON one is a mistake. */
    private static void requireJsonContentType(ServerRequest request) {
        if (!request.headers().contains(HeaderNames.CONTENT_TYPE)) {
            return;
        }
        String type = request.headers().get(HeaderNames.CONTENT_TYPE).get().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ClientError(Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "content type must be application/json, not " + mediaType);
        }
    }
}
