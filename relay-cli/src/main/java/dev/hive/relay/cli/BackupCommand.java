package dev.hive.relay.cli;

import dev.hive.relay.cli.admin.AdminClient;
import dev.hive.relay.cli.admin.AdminException;
import dev.hive.relay.config.ResolvedSettings;
import dev.hive.relay.config.Setting;
import dev.hive.relay.config.StoreKind;
import dev.hive.relay.store.sqlite.SqliteJournal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hive-relay backup FILE}: a consistent copy of the SQLite store, taken while the relay runs. */
@Command(name = "backup",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        modelTransformer = ConsoleSettings.class,
        description = {"Copy the relay's SQLite store (relay.db in the data directory) to FILE: one consistent "
                + "snapshot, taken while the relay keeps running (no lock, no pause).",
                "FILE must not exist. To restore, stop the relay and put the copy in place as relay.db.",
                "Tokens (tokens.json) are a separate small file: copy it as well."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:copied; the path and size are printed",
                "1:nothing copied (FILE exists, no store in the data directory, a memory-store relay, disk full); "
                        + "the line says why",
                "2:usage error"})
public final class BackupCommand implements Callable<Integer> {

    private static final String DB_FILE = "relay.db";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "where to write the copy (a new file)")
    private Path target;

    @Override
    public Integer call() {
        ResolvedSettings resolved = ConsoleSettings.resolve(spec);
        Path dataDir = resolved.settings().dataDir();
        if (resolved.settings().store() == StoreKind.MEMORY) {
            String source = resolved.effective().stream().filter(row -> row.setting() == Setting.STORE)
                    .map(row -> row.source().label()).findFirst().orElse("settings");
            throw new CliException("the relay is set to --store memory (" + source + "): it keeps nothing on disk to "
                    + "back up");
        }
        Path db = dataDir.resolve(DB_FILE);
        if (!Files.isRegularFile(db)) {
            throw new CliException(missingStore(resolved, dataDir, db));
        }
        Path out = target.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            throw new CliException("cannot back up to " + out + ": the file already exists (choose a new name)");
        }
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new CliException("cannot back up to " + out + ": the directory " + out.getParent()
                    + " does not exist; create it first");
        }
        long started = System.nanoTime();
        SqliteJournal.backup(db, out);
        long millis = (System.nanoTime() - started) / 1_000_000;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("backed up " + db + " to " + out + " (" + Human.bytes(size(out)) + ", in "
                + Human.micros(millis * 1000, Terminals.unicodeAllowed()) + ")");
        stdout.flush();
        return 0;
    }

    /** No relay.db: a memory-store relay, a wrong --data-dir, or a relay never started. */
    private static String missingStore(ResolvedSettings resolved, Path dataDir, Path db) {
        try (AdminClient client = AdminClient.forSettings(resolved, Duration.ofSeconds(2))) {
            if ("memory".equals(client.snapshot(false).store().kind())) {
                return "the relay on " + client.address() + " uses the memory store: it keeps nothing on disk to "
                        + "back up";
            }
        } catch (AdminException e) {
            // Not answering, or not this data directory's relay: the plain message below fits.
        }
        return "no store to back up: " + db + " does not exist; pass the relay's --data-dir (or "
                + "HIVE_RELAY_DATA_DIR)" + (Files.isDirectory(dataDir) ? "" : " (" + dataDir + " does not exist)");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
