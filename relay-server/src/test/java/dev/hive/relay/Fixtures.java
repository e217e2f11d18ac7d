package dev.hive.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared fixtures: {@code shared/} lies beside the project's clone (in CI and in work
 * trees alike) or at {@code /work/shared}. They are part of the contract, so a missing
 * directory fails the test rather than skipping it.
 */
public final class Fixtures {

    private static final String HIVE_ENVELOPES = "fixtures/hive-envelopes";

    private Fixtures() {
    }

    /** The directory of the two captured Hive envelopes. */
    public static Path hiveEnvelopes() {
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared").resolve(HIVE_ENVELOPES),
                    dir.resolveSibling("shared").resolve(HIVE_ENVELOPES))) {
                tried.add(candidate.normalize());
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        Path fixed = Path.of("/work/shared").resolve(HIVE_ENVELOPES);
        tried.add(fixed);
        if (Files.isDirectory(fixed)) {
            return fixed;
        }
        throw new AssertionError("the shared fixtures directory " + HIVE_ENVELOPES
                + " was not found; it must lie in shared/ beside the project's clone. Tried: " + tried);
    }

    /** The captured envelope files, sorted by name; at least one, or the test fails. */
    public static List<Path> hiveEnvelopeFiles() {
        try (Stream<Path> files = Files.list(hiveEnvelopes())) {
            List<Path> json = files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
            if (json.isEmpty()) {
                throw new AssertionError("no *.json fixtures in " + hiveEnvelopes());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
