package dev.hive.relay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hive-relay tokens add|list|remove|rotate}: the relay's allowlist, managed live. */
@Command(name = "tokens",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Manage the access tokens the relay admits (its allowlist), without a restart.",
                "Changes go through the running relay and apply to its next request. When no relay answers, they "
                        + "are made in the data directory's tokens.json, which the relay reads at start.",
                "Only a hash of each token is stored: a token is shown once, when it is made."},
        subcommands = {TokensCommand.Add.class, TokensCommand.ListTokens.class, TokensCommand.Remove.class,
                TokensCommand.Rotate.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (no such token, unreadable token file, wrong admin secret); the line says "
                + "why", "2:usage error"})
public final class TokensCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "say what to do with the tokens: add, list, remove or rotate");
    }

    /** Prints the usual note after a change made in the file because no relay answered. */
    private static void noteOffline(TokenAccess tokens, CommandLine.Model.CommandSpec spec, boolean changed) {
        if (tokens.offline()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("relay not running: " + (changed ? "changed " : "read ") + tokens.file()
                    + (changed ? "; the relay reads it at start" : ""));
            err.flush();
        }
    }

    private static String loud(String text) {
        return Terminals.colorAllowed() ? "\u001b[1;33m" + text + "\u001b[0m" : text;
    }

    private static String describe(TokenAccess.Row token) {
        List<String> parts = new ArrayList<>();
        if (!token.label().isEmpty()) {
            parts.add("label " + token.label());
        }
        parts.add(token.expiresMillis() == null ? "never expires" : "expires " + Human.time(token.expiresMillis()));
        return token.id() + " (" + String.join(", ", parts) + ")";
    }

    private static void printSecret(PrintWriter out, TokenAccess.Issued issued) {
        out.println(issued.secret());
        out.println("This is the only time it is shown: the relay keeps only its hash. Devices send it as "
                + "'Authorization: Bearer <token>'.");
    }

    private static void noteGate(PrintWriter out, TokenAccess.Issued issued, boolean offline) {
        if (issued.switchedToAllowlist()) {
            out.println(loud(offline
                    ? "NOTE: this relay was open; it will start in ALLOWLIST mode: only devices with a listed token "
                    + "get in"
                    : "NOTE: this relay was open and is now in ALLOWLIST mode: from the next request on, only devices "
                    + "with a listed token get in"));
        }
        if ("signed".equals(issued.gateMode())) {
            out.println("note: this relay verifies signed hrt1 tokens (HIVE_RELAY_TOKEN_PUBKEY is set); it does not "
                    + "consult the allowlist while that key is set");
        }
    }

    @Command(name = "add",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            modelTransformer = ConsoleSettings.class,
            description = {"Make a new random token and print it once.",
                    "The first token added to an open relay switches it to allowlist mode."})
    static final class Add implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--label", paramLabel = "LABEL", description = "who or what the token is for, e.g. alice")
        private String label;

        @Option(names = "--expires", paramLabel = "DURATION", converter = Converters.Span.class,
                description = "stop admitting it after this long, e.g. 90d (default: never)")
        private Duration expires;

        @Option(names = "--json", description = "print the admin API's answer (with the secret) as JSON")
        private boolean json;

        @Override
        public Integer call() {
            if (expires != null && expires.isZero()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--expires must be more than zero; leave it out for a token that never expires");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (TokenAccess tokens = new TokenAccess(ConsoleSettings.resolve(spec))) {
                TokenAccess.Issued issued = tokens.add(label, expires);
                if (json) {
                    out.println(issued.json());
                } else {
                    out.println("added token " + describe(issued.token()));
                    printSecret(out, issued);
                    noteGate(out, issued, tokens.offline());
                }
                out.flush();
                noteOffline(tokens, spec, true);
            }
            return 0;
        }
    }

    @Command(name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            modelTransformer = ConsoleSettings.class,
            description = {"List the tokens: id, label, source, created, last used, expires. Never a secret.",
                    "Tokens from HIVE_RELAY_ACCESS_TOKENS show with source 'environment'."})
    static final class ListTokens implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "print the list as JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (TokenAccess tokens = new TokenAccess(ConsoleSettings.resolve(spec))) {
                TokenAccess.Listing listing = tokens.list();
                if (json) {
                    out.println(listing.json());
                } else {
                    out.print(table(listing, System.currentTimeMillis()));
                }
                out.flush();
                noteOffline(tokens, spec, false);
            }
            return 0;
        }

        static String table(TokenAccess.Listing listing, long now) {
            StringBuilder text = new StringBuilder();
            long live = listing.tokens().stream().filter(t -> !t.expiredAt(now)).count();
            long expired = listing.tokens().size() - live;
            text.append("gate ").append(listing.gateMode()).append(": ")
                    .append(Human.plural(live, "live token", "live tokens"))
                    .append(expired > 0 ? " (and " + expired + " expired)" : "").append('\n');
            if (listing.tokens().isEmpty()) {
                text.append("open".equals(listing.gateMode())
                        ? "No tokens: anyone with the relay's URL may use it. Add one with "
                        + "'hive-relay tokens add --label NAME' to require tokens.\n"
                        : "No tokens.\n");
                return text.toString();
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "LABEL", "SOURCE", "CREATED", "LAST USED", "EXPIRES"});
            for (TokenAccess.Row t : listing.tokens()) {
                rows.add(new String[] {t.id(), t.label().isEmpty() ? "-" : t.label(), t.source(),
                        t.createdMillis() > 0 ? Human.time(t.createdMillis()) : "-",
                        t.lastUsedMillis() == null ? "never" : Human.ago(t.lastUsedMillis(), now),
                        t.expiresMillis() == null ? "never"
                                : t.expiredAt(now) ? "expired" : Human.time(t.expiresMillis())});
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
                }
                text.append(line.toString().stripTrailing()).append('\n');
            }
            return text.toString();
        }
    }

    @Command(name = "remove",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            modelTransformer = ConsoleSettings.class,
            description = "Revoke a token at once: the next request bearing it gets 401.")
    static final class Remove implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID|LABEL",
                description = "the token's id, or its label when exactly one live token has it")
        private String ref;

        @Option(names = "--json", description = "print the admin API's answer as JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (TokenAccess tokens = new TokenAccess(ConsoleSettings.resolve(spec))) {
                TokenAccess.Removed removed = tokens.remove(ref);
                if (json) {
                    out.println(removed.json());
                } else {
                    out.println("removed token " + describe(removed.token()) + (tokens.offline() ? ""
                            : ": the next request bearing it gets 401"));
                    if (removed.remaining() == 0 && "allowlist".equals(removed.gateMode())) {
                        out.println(loud("NOTE: no tokens remain: the relay stays in allowlist mode and refuses every "
                                + "request until you add one ('hive-relay tokens add')"));
                    } else {
                        out.println(Human.plural(removed.remaining(), "token remains", "tokens remain") + "; gate "
                                + removed.gateMode());
                    }
                }
                out.flush();
                noteOffline(tokens, spec, true);
            }
            return 0;
        }
    }

    @Command(name = "rotate",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            modelTransformer = ConsoleSettings.class,
            description = {"Replace a token: print a new one with the same label and expiry, and keep the old one "
                    + "working for the grace period so devices can switch without downtime.",
                    "--grace 0s cuts the old token off at once (for a leaked token)."})
    static final class Rotate implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID|LABEL", description = "the token's id, or its label when exactly one live token "
                + "has it")
        private String ref;

        @Option(names = "--grace", paramLabel = "DURATION", converter = Converters.Span.class, defaultValue = "24h",
                description = "how long the old token keeps working (default: ${DEFAULT-VALUE})")
        private Duration grace;

        @Option(names = "--json", description = "print the admin API's answer (with the new secret) as JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (TokenAccess tokens = new TokenAccess(ConsoleSettings.resolve(spec))) {
                long started = System.currentTimeMillis();
                TokenAccess.Issued issued = tokens.rotate(ref, grace);
                if (json) {
                    out.println(issued.json());
                } else {
                    out.println("rotated " + ref + ": new token " + describe(issued.token()));
                    printSecret(out, issued);
                    long until = started + grace.toMillis();
                    if (issued.token().expiresMillis() != null) {
                        until = Math.min(until, issued.token().expiresMillis());
                    }
                    out.println(grace.isZero() ? "The old token no longer works."
                            : "The old token keeps working until " + Human.time(until) + " (for "
                            + Human.span(until - started) + "), then stops.");
                    noteGate(out, issued, tokens.offline());
                }
                out.flush();
                noteOffline(tokens, spec, true);
            }
            return 0;
        }
    }
}
