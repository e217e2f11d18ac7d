package dev.hive.relay.cli.bench;

import java.time.Duration;

/**
 * A validated bench run: what {@link BenchCommand} hands to a scenario.
 *
 * @param requests   measured requests to send, 0 for no count bound
 * @param duration   measured time to run for, zero for no time bound
 * @param size       bytes per envelope body
 * @param catchUp    pull: {@code ?after=0} instead of the last 100
 * @param runId      makes this run's room names unique on a shared relay
 */
record BenchConfig(String scenario, HttpTarget target, int connections, long requests, Duration duration,
                   Duration warmup, int size, int rooms, int batch, int prefill, boolean catchUp, int count,
                   int streams, String path, String runId) {

    /** The room of index {@code i}, fresh for this run. */
    String room(int i) {
        return "bench-" + runId + "-" + i;
    }

    /** The request target of a room resource, e.g. {@code /v1/workspaces/bench-…-3/envelopes}. */
    String roomPath(int room, String resource) {
        return target.path("/v1/workspaces/" + room(room) + "/" + resource);
    }
}
