package dev.hive.relay.cli.bench;

import dev.hive.relay.cli.CliException;
import dev.hive.relay.cli.Version;
import dev.hive.relay.config.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code hive-relay bench}: load scenarios against a running relay, in the spirit of
 * redis-benchmark and {@code nats bench}. Requests go over raw HTTP/1.1 keep-alive sockets
 * from virtual threads, so one core can drive a fast relay; latencies land in a log-linear
 * histogram and come out as percentiles.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = {"Measure a relay under load: requests/s and latency percentiles.",
                "",
                "Scenarios:",
                "  health   GET /v1/health (or --path), back to back on every connection",
                "  push     POST one sealed-envelope body per request; connection k starts at",
                "           room k mod --rooms and posts --batch envelopes there, then moves on",
                "  pull     fill each room with --prefill envelopes, then GET the newest 100",
                "           (tail) or all of them (--mode catchup); also reports envelopes/s",
                "  fanout   B holds the room's event stream, A posts --count events one at a",
                "           time; each timed from A's POST to B's pull of it after the nudge",
                "  streams  open --streams idle event streams and hold them for --duration",
                "  mixed    each connection is a device's sync loop: post an envelope, pull",
                "           since its cursor, read the keyring, every 10th round post presence",
                "",
                "A run stops by itself: after --requests measured requests or --duration,",
                "whichever comes first (default --duration 10s unless --requests is given).",
                "Warm-up is not counted. Rooms are fresh for every run (bench-<id>-N). Start",
                "the relay with --push-rate 0, or pushes over its rate limit count as 429s.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (failed requests, if any, are in the figures)",
                "1:no relay at --url, or it refused the set-up (access token, rate limit, stream cap)",
                "2:usage error"})
public final class BenchCommand implements Callable<Integer> {

    static final List<String> SCENARIOS = List.of("health", "push", "pull", "fanout", "streams", "mixed");
    private static final int MAX_CONNECTIONS = 10_000;
    private static final long MAX_SIZE = 64L * 1024 * 1024;
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    /** Which scenarios each scenario-specific option means something to. */
    private static final Map<String, List<String>> APPLIES_TO = Map.ofEntries(
            Map.entry("--requests", List.of("health", "push", "pull", "mixed")),
            Map.entry("--connections", List.of("health", "push", "pull", "mixed", "streams")),
            Map.entry("--warmup", List.of("health", "push", "pull", "mixed", "fanout")),
            Map.entry("--size", List.of("push", "pull", "mixed", "fanout")),
            Map.entry("--rooms", List.of("push", "pull", "mixed", "streams")),
            Map.entry("--batch", List.of("push")),
            Map.entry("--prefill", List.of("pull")),
            Map.entry("--mode", List.of("pull")),
            Map.entry("--count", List.of("fanout")),
            Map.entry("--streams", List.of("streams")),
            Map.entry("--path", List.of("health")));

    @CommandLine.Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "health, push, pull, fanout, streams or mixed")
    private String scenario;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8443", paramLabel = "URL",
            description = "the relay to load (plain http://; default: ${DEFAULT-VALUE})")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "access token for a gated relay, sent as Authorization: Bearer")
    private String token;

    @Option(names = {"-c", "--connections"}, defaultValue = "64", paramLabel = "C",
            description = "keep-alive connections, each one request at a time (streams: opened at once); "
                    + "default ${DEFAULT-VALUE}")
    private int connections;

    @Option(names = {"-n", "--requests"}, paramLabel = "N",
            description = "measured requests to send in all (0: no count limit)")
    private Long requests;

    @Option(names = {"-d", "--duration"}, paramLabel = "D",
            description = "measured time limit like 30s or 2m (0: none); default 10s unless --requests is given")
    private String duration;

    @Option(names = "--warmup", defaultValue = "1s", paramLabel = "D",
            description = "unmeasured run before the figures start; default ${DEFAULT-VALUE}")
    private String warmup;

    @Option(names = "--size", defaultValue = "600", paramLabel = "BYTES",
            description = "envelope body size in bytes (push, pull, mixed, fanout); default ${DEFAULT-VALUE}")
    private String size;

    @Option(names = "--rooms", defaultValue = "100", paramLabel = "N",
            description = "rooms to spread the load over; default ${DEFAULT-VALUE}")
    private int rooms;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N",
            description = "push: envelopes a connection posts to one room before moving on; default ${DEFAULT-VALUE}")
    private int batch;

    @Option(names = "--prefill", defaultValue = "100", paramLabel = "N",
            description = "pull: envelopes posted to each room before measuring; default ${DEFAULT-VALUE}")
    private int prefill;

    @Option(names = "--mode", defaultValue = "tail", paramLabel = "MODE",
            description = "pull: tail (GET ?after=head-100) or catchup (GET ?after=0); default ${DEFAULT-VALUE}")
    private String mode;

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N",
            description = "fanout: events to send, one at a time; default ${DEFAULT-VALUE}")
    private int count;

    @Option(names = "--streams", defaultValue = "1000", paramLabel = "N",
            description = "streams: event streams to open and hold; default ${DEFAULT-VALUE}")
    private int streams;

    @Option(names = "--path", defaultValue = "/v1/health", paramLabel = "PATH",
            description = "health: the path to GET (e.g. / to bench a static server as a ceiling); "
                    + "default ${DEFAULT-VALUE}")
    private String path;

    @Option(names = "--json", description = "print the figures as one JSON document")
    private boolean json;

    @Option(names = "--no-progress", description = "no progress line on stderr")
    private boolean noProgress;

    @Override
    public Integer call() throws InterruptedException {
        BenchConfig config = validate();
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = Progress.forStderr(spec.commandLine().getErr(), !noProgress);
        preflight(config);
        BenchReport report = new BenchReport(config.scenario(), config.target().url(), settingsOf(config));
        switch (config.scenario()) {
            case "health" -> {
                String target = config.target().path(config.path());
                ClosedLoop.Outcome outcome = ClosedLoop.run(config, 1, c -> new HealthLoad(target), progress);
                report.row("health", outcome.ops()[0], outcome.seconds(), false).stoppedBy(outcome.stoppedBy());
            }
            case "push" -> {
                String[] paths = new String[config.rooms()];
                for (int i = 0; i < paths.length; i++) {
                    paths[i] = config.roomPath(i, "envelopes");
                }
                ClosedLoop.Outcome outcome = ClosedLoop.run(config, 1,
                        c -> new PushLoad(paths, c, config.batch(), config.size(), seed(config, c)), progress);
                report.row("push", outcome.ops()[0], outcome.seconds(), false).stoppedBy(outcome.stoppedBy());
            }
            case "pull" -> {
                long[] heads = Prefill.fill(config, config.rooms(), config.prefill(), progress);
                String[] paths = PullLoad.paths(config, heads);
                ClosedLoop.Outcome outcome = ClosedLoop.run(config, 1, c -> new PullLoad(paths, c), progress);
                report.row(config.catchUp() ? "pull catchup" : "pull tail", outcome.ops()[0], outcome.seconds(), true)
                        .stoppedBy(outcome.stoppedBy());
            }
            case "mixed" -> {
                seedKeyrings(config);
                ClosedLoop.Outcome outcome = ClosedLoop.run(config, MixedLoad.OPS.length,
                        c -> new MixedLoad(config, c, seed(config, c)), progress);
                OpStats total = new OpStats();
                for (OpStats op : outcome.ops()) {
                    total.add(op);
                }
                report.row("mixed", total, outcome.seconds(), true);
                for (int op = 0; op < MixedLoad.OPS.length; op++) {
                    report.row("mixed: " + MixedLoad.OPS[op], outcome.ops()[op], outcome.seconds(), op == 1);
                }
                report.stoppedBy(outcome.stoppedBy());
            }
            case "fanout" -> FanoutRun.run(config, progress, report);
            default -> StreamsRun.run(config, progress, report);
        }
        if (report.rows().stream().anyMatch(row -> row.stats().errors().containsKey("429"))) {
            report.note("the relay limited pushes per client IP (429): run it with --push-rate 0 "
                    + "(HIVE_RELAY_PUSH_RATE=0) to measure its throughput");
        }
        out.print(json ? report.json() + System.lineSeparator() : report.table());
        out.flush();
        return 0;
    }

    // ---- validation: one line naming the fix, exit code 2

    private BenchConfig validate() {
        if (scenario == null) {
            throw usage("name a scenario: hive-relay bench SCENARIO, one of " + String.join(", ", SCENARIOS));
        }
        if (!SCENARIOS.contains(scenario)) {
            throw usage("unknown scenario '" + scenario + "'; choose one of " + String.join(", ", SCENARIOS));
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, List<String>> option : APPLIES_TO.entrySet()) {
            if (parsed.hasMatchedOption(option.getKey()) && !option.getValue().contains(scenario)) {
                throw usage(option.getKey() + " does not apply to the " + scenario + " scenario (it is for "
                        + String.join(", ", option.getValue()) + "); drop it");
            }
        }
        HttpTarget target = HttpTarget.parse(url, token);
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw usage("--connections must be 1 to " + MAX_CONNECTIONS + ", e.g. --connections 64");
        }
        if (requests != null && requests < 0) {
            throw usage("--requests must be 0 (no count limit) or more, e.g. --requests 100000");
        }
        Duration warm = parseDuration("--warmup", warmup);
        Duration limit = duration == null ? null : parseDuration("--duration", duration);
        long sizeBytes = parseSize(size);
        if (sizeBytes < SealedEnvelopes.MIN_SIZE) {
            throw usage("--size " + size + " is smaller than a minimal sealed envelope; use --size "
                    + SealedEnvelopes.MIN_SIZE + " or more");
        }
        if (sizeBytes > MAX_SIZE) {
            throw usage("--size " + size + " is over 64 MiB; use a smaller body");
        }
        requireRange("--rooms", rooms, 1, 1_000_000, "--rooms 100");
        requireRange("--batch", batch, 1, 1_000_000, "--batch 10");
        requireRange("--prefill", prefill, 1, 1_000_000, "--prefill 100");
        requireRange("--count", count, 1, 100_000_000, "--count 1000");
        requireRange("--streams", streams, 1, 1_000_000, "--streams 1000");
        if (!mode.equals("tail") && !mode.equals("catchup")) {
            throw usage("--mode must be tail or catchup, not '" + mode + "'");
        }
        if (!path.startsWith("/") || !path.chars().allMatch(c -> c > 32 && c < 127)) {
            throw usage("--path must start with / and hold no spaces, e.g. --path /v1/health");
        }

        long requestLimit = requests == null ? 0 : requests;
        Duration timeLimit;
        switch (scenario) {
            case "fanout" -> timeLimit = limit == null ? Duration.ZERO : limit;
            case "streams" -> {
                timeLimit = limit == null ? DEFAULT_DURATION : limit;
                if (timeLimit.isZero()) {
                    throw usage("streams holds its streams for --duration; give one like --duration 10s");
                }
            }
            default -> {
                timeLimit = limit != null ? limit : requestLimit > 0 ? Duration.ZERO : DEFAULT_DURATION;
                if (requestLimit == 0 && timeLimit.isZero()) {
                    throw usage("--requests 0 with --duration 0 would never stop; give --requests N or "
                            + "--duration like 10s");
                }
            }
        }
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return new BenchConfig(scenario, target, connections, requestLimit, timeLimit, warm, (int) sizeBytes,
                rooms, batch, prefill, mode.equals("catchup"), count, streams, path, runId);
    }

    private static CliException usage(String message) {
        return new CliException(message, 2);
    }

    private static void requireRange(String option, int value, int min, int max, String example) {
        if (value < min || value > max) {
            throw usage(option + " must be " + min + " to " + max + ", e.g. " + example);
        }
    }

    private static Duration parseDuration(String option, String text) {
        try {
            return Units.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": '" + text + "' is not a duration like 500ms, 10s or 2m");
        }
    }

    private static long parseSize(String text) {
        try {
            return Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw usage("--size: '" + text + "' is not a byte count like 600 or 4KiB");
        }
    }

    // ---- set-up

    /**
     * Checks the relay is there before any load: a refused connection, a gate wanting a token,
     * or a URL that is not a relay each end the run with one line (exit 1).
     */
    private static void preflight(BenchConfig config) {
        HttpTarget target = config.target();
        try (HttpConnection conn = new HttpConnection(target, 10_000)) {
            conn.connect();
            if (config.scenario().equals("health")) {
                return;
            }
            String keyring = config.roomPath(0, "keyring");
            int status = conn.get(keyring);
            if (status == 401) {
                throw new CliException(target.hasToken()
                        ? "the relay at " + target.url() + " refused the --token given (401); check it"
                        : "the relay at " + target.url() + " requires an access token; pass --token TOKEN");
            }
            if (status == 404) {
                throw new CliException(target.url() + " does not look like a Hive relay (GET " + keyring
                        + " answered 404); check --url");
            }
            if (status != 200) {
                throw new CliException("the relay at " + target.url() + " answered " + status + " to GET " + keyring
                        + ": " + conn.bodyText().lines().findFirst().orElse("").strip());
            }
        } catch (ConnectException e) {
            throw new CliException("no relay at " + target.url() + ": connection refused; start one with "
                    + "'hive-relay serve'");
        } catch (UnknownHostException e) {
            throw new CliException("no relay at " + target.url() + ": unknown host " + target.host());
        } catch (SocketTimeoutException e) {
            throw new CliException("no relay at " + target.url() + ": no answer within "
                    + HttpConnection.CONNECT_TIMEOUT_MILLIS / 1000 + "s");
        } catch (IOException e) {
            throw new CliException("no relay at " + target.url() + ": " + e.getMessage());
        }
    }

    /** Gives the rooms the mixed load uses one keyring blob each, so reading it returns something real. */
    private static void seedKeyrings(BenchConfig config) {
        byte[] blob = MixedLoad.keyringBlob(config.runId());
        try (HttpConnection conn = new HttpConnection(config.target(), ClosedLoop.READ_TIMEOUT_MILLIS)) {
            for (int room = 0; room < Math.min(config.rooms(), config.connections()); room++) {
                int status = conn.postJson(config.roomPath(room, "keyring"), blob, 0, blob.length);
                if (status != 200) {
                    throw new CliException("seeding the keyrings failed: the relay answered " + status + " ("
                            + conn.bodyText().lines().findFirst().orElse("").strip() + ")");
                }
            }
        } catch (IOException e) {
            throw new CliException("seeding the keyrings failed: " + e.getMessage());
        }
    }

    private static long seed(BenchConfig config, int connection) {
        return config.runId().hashCode() * 1_000_003L + connection;
    }

    private static Map<String, Object> settingsOf(BenchConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String scenario = config.scenario();
        if (!scenario.equals("fanout")) {
            settings.put("connections", config.connections());
        }
        switch (scenario) {
            case "health" -> settings.put("path", config.path());
            case "push" -> {
                settings.put("rooms", config.rooms());
                settings.put("size", config.size());
                settings.put("batch", config.batch());
            }
            case "pull" -> {
                settings.put("rooms", config.rooms());
                settings.put("prefill", config.prefill());
                settings.put("mode", config.catchUp() ? "catchup" : "tail");
                settings.put("size", config.size());
            }
            case "mixed" -> {
                settings.put("rooms", config.rooms());
                settings.put("size", config.size());
            }
            case "fanout" -> {
                settings.put("count", config.count());
                settings.put("size", config.size());
            }
            default -> {
                settings.put("streams", config.streams());
                settings.put("rooms", config.rooms());
            }
        }
        if (config.requests() > 0) {
            settings.put("requests", config.requests());
        }
        if (!config.duration().isZero()) {
            settings.put("duration", Units.formatDuration(config.duration()));
        }
        if (!scenario.equals("streams")) {
            settings.put("warmup", Units.formatDuration(config.warmup()));
        }
        return settings;
    }
}
