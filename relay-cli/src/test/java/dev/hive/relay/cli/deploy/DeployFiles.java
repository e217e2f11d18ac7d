package dev.hive.relay.cli.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the deploy recipes the way their tools do, enough for the tests to take values from them. */
final class DeployFiles {

    static final String UNIT = "deploy/systemd/hive-relay.service";
    static final String DOCKERFILE = "deploy/Dockerfile";

    private DeployFiles() {
    }

    /** A systemd unit: section → (key, value) in file order (keys may repeat, like Environment=). */
    record Unit(Map<String, List<Map.Entry<String, String>>> sections) {

        static Unit parse(String text) {
            Map<String, List<Map.Entry<String, String>>> sections = new LinkedHashMap<>();
            List<Map.Entry<String, String>> current = null;
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
                    continue;
                }
                int eq = line.indexOf('=');
                if (current == null || eq < 0) {
                    throw new IllegalArgumentException("not a unit line: " + raw);
                }
                current.add(Map.entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
            }
            return new Unit(sections);
        }

        List<String> all(String section, String key) {
            return sections.getOrDefault(section, List.of()).stream().filter(e -> e.getKey().equals(key))
                    .map(Map.Entry::getValue).toList();
        }

        Optional<String> last(String section, String key) {
            List<String> values = all(section, key);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
        }

        String service(String key) {
            return last("Service", key).orElseThrow(() -> new AssertionError(UNIT + " has no " + key + "="));
        }

        /** The Environment= assignments, in order (a later one wins), as systemd reads them (no quotes used). */
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String value : all("Service", "Environment")) {
                for (String assignment : value.split("\\s+")) {
                    int eq = assignment.indexOf('=');
                    env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                }
            }
            return env;
        }
    }

    static Unit unit() {
        return Unit.parse(Repo.read(UNIT));
    }

    /** One Dockerfile instruction with its continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> dockerfile() {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Repo.read(DOCKERFILE).split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String full = pending.toString().strip();
            pending.setLength(0);
            if (full.isEmpty()) {
                continue;
            }
            int space = full.indexOf(' ');
            instructions.add(new Instruction(full.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                    full.substring(space + 1).strip().replaceAll("\\s+", " ")));
        }
        return instructions;
    }

    static List<String> dockerfile(String keyword) {
        return dockerfile().stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The image's ENV, as NAME=value pairs (double quotes removed). */
    static Map<String, String> dockerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String args : dockerfile("ENV")) {
            Matcher m = pair.matcher(args);
            while (m.find()) {
                String value = m.group(2);
                env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }

    /** The shell command of {@code HEALTHCHECK … CMD <command>}. */
    static String healthcheckCommand() {
        List<String> checks = dockerfile("HEALTHCHECK");
        if (checks.size() != 1) {
            throw new AssertionError("expected one HEALTHCHECK in " + DOCKERFILE + ", found " + checks);
        }
        String args = checks.getFirst();
        int cmd = args.indexOf("CMD ");
        return args.substring(cmd + 4).strip();
    }

    /** A flat reading of a TOML file: "section.key" (or "key") → raw value, tables of arrays by their name. */
    static Map<String, String> toml(String relative) {
        Map<String, String> values = new LinkedHashMap<>();
        String section = "";
        for (String raw : Repo.read(relative).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.replace("[", "").replace("]", "").strip();
                continue;
            }
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            int comment = value.indexOf(" #");
            if (comment >= 0) {
                value = value.substring(0, comment).strip();
            }
            if (value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(section.isEmpty() ? key : section + "." + key, value);
        }
        return values;
    }
}
