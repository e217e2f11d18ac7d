package dev.hive.relay.admin;

import dev.hive.relay.api.Responses;
import dev.hive.relay.gate.BearerToken;
import dev.hive.relay.gate.ConstantTime;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Locale;
import java.util.Optional;

/**
 * Loopback is not enough: browsers reach 127.0.0.1 too (DNS rebinding, cross-site
 * requests), and so does every local user. So the admin listener also requires a loopback
 * {@code Host}, refuses anything a browser marks ({@code Origin}, {@code Sec-Fetch-*}), and
 * wants the local admin secret on every request.
 */
public final class AdminGuard implements Filter {

    private final String secret;

    public AdminGuard(String secret) {
        this.secret = secret;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        var headers = req.headers();
        String host = headers.first(HeaderNames.HOST).orElse("");
        if (!isLoopbackHost(host)) {
            Responses.text(res, Status.FORBIDDEN_403, "admin requests must name a loopback Host");
            return;
        }
        if (headers.contains(HeaderNames.ORIGIN) || headers.contains(HeaderNames.create("Sec-Fetch-Site"))
                || headers.contains(HeaderNames.create("Sec-Fetch-Mode"))
                || headers.contains(HeaderNames.create("Sec-Fetch-Dest"))) {
            Responses.text(res, Status.FORBIDDEN_403, "admin requests from browsers are refused");
            return;
        }
        Optional<String> presented = BearerToken.parse(headers.first(HeaderNames.AUTHORIZATION).orElse(null));
        if (presented.isEmpty() || !ConstantTime.equals(secret, presented.get())) {
            Responses.text(res, Status.UNAUTHORIZED_401,
                    "admin requests need the secret from the data directory's admin.secret");
            return;
        }
        chain.proceed();
    }

    /** {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, with or without a port. */
    static boolean isLoopbackHost(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            String rest = host.substring(end + 1);
            return host.substring(1, end).equals("::1") && (rest.isEmpty() || isPort(rest));
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!isPort(host.substring(colon))) {
                return false;
            }
            host = host.substring(0, colon);
        }
        if (host.equals("localhost")) {
            return true;
        }
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String colonAndPort) {
        return colonAndPort.length() > 1 && colonAndPort.length() <= 6 && colonAndPort.charAt(0) == ':'
                && colonAndPort.substring(1).chars().allMatch(Character::isDigit);
    }
}
