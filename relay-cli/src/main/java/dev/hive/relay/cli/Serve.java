package dev.hive.relay.cli;

import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.gate.AccessGate;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;
import dev.hive.relay.server.StartupReport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** What {@code hive-relay serve} does once its settings are resolved; free of picocli for main's fast path. */
final class Serve {

    private Serve() {
    }

    /** Runs the relay until SIGTERM or Ctrl-C, then stops it gracefully; returns the exit code, 0. */
    static int run(ResolvedSettings resolved, PrintWriter err) {
        RelaySettings settings = resolved.settings();
        boolean json = switch (settings.logFormat()) {
            case JSON -> true;
            case TEXT -> false;
            case AUTO -> !Terminals.stdoutIsTerminal();
        };
        RequestLog log = new RequestLog(new FileOutputStream(FileDescriptor.out), json);
        printSettings(err, resolved);
        RelayServer relay = RelayServer.create(settings, log);
        StartupReport report = relay.startupReport();
        err.printf("store: %s; loaded %d rooms, %d envelopes in %d ms%n", report.storeDescription(), report.rooms(),
                report.envelopes(), report.loadMillis());
        printGate(err, relay.gate());
        relay.start();
        err.printf("listening on http://%s (public /v1 API)%n", settings.publicAddress().withPort(relay.port()));
        err.flush();
        settleHeap();
        awaitTermination(relay, err);
        return 0;
    }

    /**
     * Collects the start's garbage in one full collection, a few milliseconds. The launcher starts
     * the young generation small (-XX:NewSize=1m), so the start touches little of it; after a full
     * collection the serial collector sizes it for traffic, and its new pages stay untouched until
     * traffic needs them. Otherwise it would stay small until the first full collection under load.
     */
    private static void settleHeap() {
        System.gc();
    }

    /** Blocks until SIGTERM/SIGINT; the shutdown hook stops the relay gracefully and lets main exit 0. */
    private static void awaitTermination(RelayServer relay, PrintWriter err) {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("stopping: finishing in-flight requests, closing event streams");
            err.flush();
            relay.close();
            err.println("stopped");
            err.flush();
            stopped.countDown();
            // Let main report success: exit status 0 instead of the JVM's 143 for SIGTERM.
            try {
                exited.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exited.countDown();
    }

    private static void printSettings(PrintWriter err, ResolvedSettings resolved) {
        err.println("hive-relay " + JarVersion.current() + " starting; effective settings "
                + "(flags > environment > " + resolved.configFile().map(Object::toString).orElse("hive-relay.yaml")
                + " > defaults):");
        for (ResolvedSettings.Effective row : resolved.effective()) {
            err.printf("  %-34s %-30s %s%n", row.setting().key(), row.display(), row.source().label());
        }
    }

    private static void printGate(PrintWriter err, AccessGate gate) {
        String line = switch (gate.mode()) {
            case OPEN -> "gate: open - anyone with the URL and a room id may use this relay "
                    + "(workspace keys keep the content private)";
            case ALLOWLIST -> "gate: allowlist - " + gate.tokenCount() + " token(s) admitted";
            case SIGNED -> "gate: signed - hrt1 tokens verified with the configured public key";
        };
        err.println(line);
    }
}
