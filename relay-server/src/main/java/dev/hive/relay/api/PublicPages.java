package dev.hive.relay.api;

import dev.hive.relay.store.Journal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/** The two open routes: {@code GET /v1/health} for load balancers and {@code GET /} for people. */
public final class PublicPages {

    private static final String STATUS_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Hive relay</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}
            code{background:#f3f3f3;padding:0 .3em}</style></head>
            <body><h1>Hive relay · online</h1>
            <p>This is an API endpoint for Hive apps, not a website: point Hive at this address in
            Settings → Team sync → Relay URL.</p>
            <p>Health check: <a href="/v1/health"><code>/v1/health</code></a></p>
            </body></html>
            """;

    private final Journal journal;

    public PublicPages(Journal journal) {
        this.journal = journal;
    }

    /** Adds the two routes to the listener's top-level rules (see {@link WorkspaceService#addRoutes}). */
    public void addRoutes(HttpRules rules) {
        rules.get("/v1/health", this::health)
                .get("/", (req, res) -> Responses.html(res, STATUS_PAGE));
    }

    private void health(ServerRequest req, ServerResponse res) {
        Optional<String> problem = journal.problem();
        if (problem.isPresent()) {
            Responses.text(res, Status.SERVICE_UNAVAILABLE_503, "store unavailable: " + problem.get());
        } else {
            Responses.text(res, Status.OK_200, "ok");
        }
    }
}
