package dev.hive.relay.cli.bench;

import dev.hive.relay.cli.CommandTree;
import dev.hive.relay.config.RelaySettings;
import dev.hive.relay.server.RelayServer;
import dev.hive.relay.server.RequestLog;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** The real relay on a loopback port, and the real command line run against it. */
final class TestRelay implements AutoCloseable {

    private final RelayServer relay;

    private TestRelay(RelayServer relay) {
        this.relay = relay;
    }

    /** A relay on 127.0.0.1, port 0, memory store, no push rate limit (the bench posts fast). */
    static TestRelay start(Path dir) {
        return start(dir, List.of());
    }

    /** As {@link #start(Path)}, admitting only the given access tokens when there are any. */
    static TestRelay start(Path dir, List<String> accessTokens) {
        RelaySettings.Builder settings = RelaySettings.builderForTests(dir);
        settings.pushRate = 0;
        settings.accessTokens = accessTokens;
        RelayServer relay = RelayServer.create(settings.build(),
                new RequestLog(new PrintStream(OutputStream.nullOutputStream()), true)).start();
        return new TestRelay(relay);
    }

    String url() {
        return "http://127.0.0.1:" + relay.port();
    }

    int port() {
        return relay.port();
    }

    @Override
    public void close() {
        relay.close();
    }

    /** What a run of {@code hive-relay ARGS} printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandTree.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
