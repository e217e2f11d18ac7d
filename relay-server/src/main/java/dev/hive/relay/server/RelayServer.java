package dev.hive.relay.server;

import dev.hive.relay.api.ClientAddress;
import dev.hive.relay.api.PairingService;
import dev.hive.relay.api.PublicPages;
import dev.hive.relay.api.PushRateLimiter;
import dev.hive.relay.api.RequestBodies;
import dev.hive.relay.api.Responses;
import dev.hive.relay.api.WorkspaceService;
import dev.hive.relay.config.HostPort;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.config.StoreKind;
import dev.hive.relay.events.EventStreams;
import dev.hive.relay.gate.AccessGate;
import dev.hive.relay.gate.TokenRegistry;
import dev.hive.relay.admin.AdminGuard;
import dev.hive.relay.admin.AdminSecret;
import dev.hive.relay.admin.AdminService;
import dev.hive.relay.admin.StatsCollector;
import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.stats.Traffic;
import dev.hive.relay.store.StoreException;
import dev.hive.relay.pairing.LookupLockout;
import dev.hive.relay.pairing.PairingBook;
import dev.hive.relay.store.Journal;
import dev.hive.relay.store.MemoryJournal;
import dev.hive.relay.store.sqlite.SqliteJournal;
import dev.hive.relay.store.RoomRegistry;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.http.Status;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.media.MediaContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The relay, assembled from its settings: the public {@code /v1} listener over the room
 * registry, and the housekeeping that applies retention and forgets idle clients.
 */
public final class RelayServer implements AutoCloseable {

    private static final int MAX_PROLOGUE_BYTES = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PAIRING_CODES = 10_000;
    private static final Duration HOUSEKEEPING_PERIOD = Duration.ofSeconds(30);
    private static final String ADMIN_SOCKET = "admin";

    private final RelaySettings settings;
    private final RoomRegistry rooms;
    private final AccessGate gate;
    private final EventStreams streams;
    private final TrafficCounters counters = new TrafficCounters();
    private final PairingBook pairing;
    private final LookupLockout lockout;
    private final PushRateLimiter pushRate;
    private final RequestLog log;
    private final long startedAtMillis;
    private final ScheduledExecutorService housekeeping;
    private final WebServer webServer;
    private final Journal journal;
    private final StartupReport report;
    private final TokenRegistry tokens;
    private final StatsCollector stats;
    private final String adminSecret;
    private final SlowClientGuard slowClients;

    /**
     * Opens the store named by the settings, reloads what it holds, and builds the relay with
     * the access gate the settings call for; nothing listens until {@link #start()}.
     *
     * @throws dev.hive.relay.gate.GateConfigException when the gate settings do not parse
     * @throws dev.hive.relay.store.StoreException when the store cannot be opened
     */
    public static RelayServer create(RelaySettings settings, RequestLog log) {
        if (!settings.adminUnsafeNonLoopback() && !settings.adminAddress().isLoopback()) {
            throw new ListenException("admin-addr " + settings.adminAddress() + " is not a loopback address; use "
                    + "127.0.0.1:PORT, or --admin-unsafe-allow-non-loopback if you really mean to expose the console");
        }
        createDataDir(settings.dataDir());
        TokenRegistry tokens = TokenRegistry.open(settings.dataDir(), settings.accessTokens(),
                System::currentTimeMillis);
        AccessGate gate = AccessGate.create(settings.tokenPublicKey(), tokens,
                () -> System.currentTimeMillis() / 1000);
        long started = System.nanoTime();
        Journal journal;
        String storeDescription;
        long seqFloor;
        if (settings.store() == StoreKind.SQLITE) {
            SqliteJournal sqlite = SqliteJournal.open(settings.dataDir());
            journal = sqlite;
            storeDescription = "sqlite " + sqlite.path();
            seqFloor = 0;
        } else {
            journal = new MemoryJournal();
            storeDescription = "memory (nothing survives a restart)";
            // Nothing remembers the sequences, so count up from the clock in microseconds: after a
            // restart every room starts above any sequence a client can hold (unless the relay
            // took more than a million posts a second in one room).
            seqFloor = System.currentTimeMillis() * 1000;
        }
        RoomRegistry rooms = new RoomRegistry(journal, seqFloor);
        long envelopes;
        try {
            envelopes = rooms.loadFromJournal();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        StartupReport report = new StartupReport(storeDescription, rooms.size(), envelopes,
                (System.nanoTime() - started) / 1_000_000);
        return new RelayServer(settings, journal, rooms, tokens, gate, log, report);
    }

    /**
     * Builds the relay; nothing listens until {@link #start()}.
     *
     * @param journal where acknowledged writes are recorded (already loaded into {@code rooms})
     */
    public RelayServer(RelaySettings settings, Journal journal, RoomRegistry rooms, TokenRegistry tokens,
                       AccessGate gate, RequestLog log, StartupReport report) {
        this.settings = settings;
        this.tokens = tokens;
        this.journal = journal;
        this.report = report;
        this.rooms = rooms;
        this.gate = gate;
        this.log = log;
        this.startedAtMillis = System.currentTimeMillis();
        this.streams = new EventStreams(settings.maxStreams(), settings.sseKeepAlive());
        this.pairing = new PairingBook(new SecureRandom(), System::currentTimeMillis, MAX_PAIRING_CODES);
        this.lockout = new LookupLockout(10, 60_000, System::currentTimeMillis);
        this.pushRate = new PushRateLimiter(settings.pushRate(), settings.pushBurst(), System::nanoTime);
        ClientAddress clients = new ClientAddress(settings.trustedProxies());
        this.slowClients = new SlowClientGuard(settings.readTimeout());
        RequestBodies bodies = new RequestBodies(settings.maxBodyBytes(), slowClients::bodyProgress);

        LeanRegistry.install();
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new FrontDoor(gate, counters, log, System::currentTimeMillis));
        new PublicPages(journal).addRoutes(routing);
        new WorkspaceService(rooms, bodies, streams, pushRate, clients, counters, System::currentTimeMillis,
                settings.maxEnvelopesPerRoom()).addRoutes(routing);
        routing.register("/v1/pair", new PairingService(pairing, lockout, bodies, clients));
        FrontDoor.registerErrorHandlers(routing);
        routing.any((req, res) -> Responses.text(res, Status.NOT_FOUND_404, "no such route"));

        this.stats = new StatsCollector(new View(), settings.queueBudgetBytes());
        this.adminSecret = AdminSecret.generate(new SecureRandom());
        HttpRouting.Builder adminRouting = HttpRouting.builder()
                .addFilter(new AdminGuard(adminSecret))
                .register(new AdminService(stats, tokens, gate));
        FrontDoor.registerErrorHandlers(adminRouting);
        adminRouting.any((req, res) -> Responses.text(res, Status.NOT_FOUND_404, "no such admin route"));

        HostPort address = settings.publicAddress();
        this.webServer = WebServer.builder()
                .shutdownHook(false)
                .host(address.host())
                .port(address.port())
                .backlog(1024)
                // Set here, both listeners share one of each; left unset, each listener builds its own.
                // The relay writes its own JSON and compresses nothing, so it needs only the built-in
                // media support (strings, bytes) and no encodings; it uses no server features either.
                .mediaContext(MediaContext.builder().mediaSupportsDiscoverServices(false).build())
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .featuresDiscoverServices(false)
                .maxPayloadSize(settings.maxBodyBytes())
                .shutdownGracePeriod(settings.shutdownGrace())
                // A connection waiting in its request line (idle keep-alive, or a client
                // dribbling the line) is closed after the read timeout; the guard covers the rest.
                .idleConnectionTimeout(settings.readTimeout())
                .idleConnectionPeriod(Duration.ofMillis(Math.clamp(settings.readTimeout().toMillis() / 4, 25, 5_000)))
                .connectionOptions(SocketOptions.builder()
                        .readTimeout(settings.readTimeout())
                        .tcpNoDelay(true)
                        .build())
                .addProtocol(Http1Config.builder()
                        .addReceiveListener(slowClients.receiving())
                        .addSendListener(slowClients.sending())
                        .maxPrologueLength(MAX_PROLOGUE_BYTES)
                        .maxHeadersSize(MAX_HEADER_BYTES)
                        .validatePath(true)
                        .build())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, new PlainDirectHandler())
                        .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, new PlainDirectHandler())
                        .addHandler(DirectHandler.EventType.OTHER, new PlainDirectHandler())
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, new PlainDirectHandler())
                        .build())
                .routing(routing)
                .putSocket(ADMIN_SOCKET, admin -> admin
                        .host(settings.adminAddress().host())
                        .port(settings.adminAddress().port())
                        .maxPayloadSize(64 * 1024)
                        .shutdownGracePeriod(settings.shutdownGrace())
                        .connectionOptions(SocketOptions.builder().readTimeout(settings.readTimeout()).build())
                        .routing(adminRouting))
                .build();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "relay-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the listener.
     *
     * @throws ListenException naming the address and the reason when it cannot listen
     */
    public RelayServer start() {
        probeBindable(settings.publicAddress(), "public");
        probeBindable(settings.adminAddress(), "admin");
        AdminSecret.write(settings.dataDir(), adminSecret);
        webServer.start();
        if (!webServer.isRunning()) {
            throw new ListenException("cannot listen on " + settings.publicAddress() + " or "
                    + settings.adminAddress() + " (see the log above)");
        }
        AdminSecret.recordAddress(settings.dataDir(), adminAddress().toString());
        long period = HOUSEKEEPING_PERIOD.toMillis();
        housekeeping.scheduleWithFixedDelay(this::houseKeep, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Applies age retention and forgets what has gone stale; runs every 30 s. */
    void houseKeep() {
        try {
            long now = System.currentTimeMillis();
            if (settings.retentionDays() > 0) {
                rooms.evictOlderThan(now - Duration.ofDays(settings.retentionDays()).toMillis());
            }
            rooms.dropDisposableRooms();
            pushRate.forgetIdle();
            lockout.forgetIdle();
            pairing.removeExpired(now);
            tokens.flushUsage();
        } catch (RuntimeException e) {
            System.err.println("hive-relay: housekeeping failed: " + e);
        }
    }

    /**
     * Binding first ourselves gives the operator the OS's reason ("Address already in use"), not a hang.
     * Port 0 is probed too: the host can still be wrong ("Cannot assign requested address"), and the
     * AOT training run, which listens on port 0, then records this path for real starts.
     */
    private static void probeBindable(HostPort address, String name) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address.host(), address.port()));
        } catch (IOException e) {
            throw new ListenException("cannot listen on " + address + " (" + name + "): " + e.getMessage());
        }
    }

    /** The public listener's port (the real one when configured as 0). */
    public int port() {
        return webServer.port();
    }

    /** The admin listener's address with its real port. */
    public HostPort adminAddress() {
        return settings.adminAddress().withPort(webServer.port(ADMIN_SOCKET));
    }

    public StatsCollector stats() {
        return stats;
    }

    public TokenRegistry tokens() {
        return tokens;
    }

    public StartupReport startupReport() {
        return report;
    }

    public RelaySettings settings() {
        return settings;
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    public AccessGate gate() {
        return gate;
    }

    public EventStreams streams() {
        return streams;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    public boolean isRunning() {
        return webServer.isRunning();
    }

    /**
     * Stops gracefully (and closes the request log it was given): refuses new streams, ends the open ones, lets in-flight requests
     * finish within the grace period, then closes the listener.
     */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        streams.stop();
        rooms.closeAll();
        webServer.stop();
        slowClients.close();
        journal.close();
        try {
            tokens.flushUsage();
        } catch (RuntimeException e) {
            System.err.println("hive-relay: could not record token use: " + e.getMessage());
        }
        log.close();
    }

    private static void createDataDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system; its own defaults apply.
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage());
        }
    }

    /** What the stats collector reads. */
    private final class View implements StatsCollector.RelayView {
        @Override
        public long clockMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public RoomRegistry rooms() {
            return rooms;
        }

        @Override
        public int openStreams() {
            return streams.open();
        }

        @Override
        public int pairingCodes() {
            return pairing.size();
        }

        @Override
        public Traffic traffic() {
            return counters.snapshot();
        }

        @Override
        public StoreInfo store() {
            return journal.info();
        }

        @Override
        public Optional<String> storeProblem() {
            return journal.problem();
        }

        @Override
        public String version() {
            String version = RelayServer.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public long startedAtMillis() {
            return startedAtMillis;
        }

        @Override
        public List<ProcessInfo.Listener> listeners() {
            boolean running = webServer.isRunning();
            return List.of(
                    new ProcessInfo.Listener("public", settings.publicAddress().withPort(running ? port()
                            : settings.publicAddress().port()).toString(), running),
                    new ProcessInfo.Listener("admin", running ? adminAddress().toString()
                            : settings.adminAddress().toString(), running));
        }

        @Override
        public String gateMode() {
            return gate.mode().label();
        }

        @Override
        public int tokenCount() {
            return gate.tokenCount();
        }
    }

    /** The relay could not open a listener. */
    public static final class ListenException extends RuntimeException {
        public ListenException(String message) {
            super(message);
        }
    }
}
