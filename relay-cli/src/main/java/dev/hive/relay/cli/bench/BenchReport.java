package dev.hive.relay.cli.bench;

import dev.hive.relay.json.JsonWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, as a table for people or one JSON document for machines. */
final class BenchReport {

    /** Percentiles shown, with their JSON names. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99_9"};

    /**
     * One line of the table.
     *
     * @param seconds        the measured time the rates are over
     * @param showEnvelopes  whether envelopes received per second mean something here
     */
    record Row(String name, OpStats stats, double seconds, boolean showEnvelopes) {

        double requestsPerSecond() {
            return stats.requests() / seconds;
        }

        double envelopesPerSecond() {
            return stats.envelopes() / seconds;
        }

        /** A percentile in milliseconds. */
        double millis(double percentile) {
            return stats.latency().percentile(percentile) / 1e6;
        }

        double maxMillis() {
            return stats.latency().max() / 1e6;
        }
    }

    private final String scenario;
    private final String url;
    private final Map<String, Object> settings;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private String extraName;
    private String stoppedBy = "";

    /** @param settings what shaped the run, in display order (numbers and strings) */
    BenchReport(String scenario, String url, Map<String, Object> settings) {
        this.scenario = scenario;
        this.url = url;
        this.settings = settings;
    }

    BenchReport row(String name, OpStats stats, double seconds, boolean showEnvelopes) {
        rows.add(new Row(name, stats, seconds, showEnvelopes));
        return this;
    }

    BenchReport stoppedBy(String reason) {
        this.stoppedBy = reason;
        return this;
    }

    /** A hint printed under the table (and listed in JSON). */
    BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    /** A named group of extra figures (e.g. the stream counts), numbers only. */
    BenchReport extra(String name, Map<String, Object> figures) {
        this.extraName = name;
        this.extra.putAll(figures);
        return this;
    }

    List<Row> rows() {
        return rows;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("hive-relay bench ").append(scenario).append(" against ").append(url).append('\n');
        StringBuilder line = new StringBuilder();
        settings.forEach((name, value) -> {
            if (!line.isEmpty()) {
                line.append(", ");
            }
            line.append(name).append(' ').append(value);
        });
        if (!stoppedBy.isEmpty()) {
            line.append("; stopped by ").append(stoppedBy);
        }
        out.append("  ").append(line).append("\n\n");

        boolean envelopes = rows.stream().anyMatch(Row::showEnvelopes);
        List<String[]> cells = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("scenario", "requests", "errors", "time", "req/s"));
        if (envelopes) {
            header.add("env/s");
        }
        header.addAll(List.of("p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        cells.add(header.toArray(String[]::new));
        for (Row row : rows) {
            List<String> cell = new ArrayList<>();
            cell.add(row.name());
            cell.add(String.format(Locale.ROOT, "%,d", row.stats().requests()));
            cell.add(errorsCell(row.stats()));
            cell.add(String.format(Locale.ROOT, "%.2fs", row.seconds()));
            cell.add(String.format(Locale.ROOT, "%,.0f", row.requestsPerSecond()));
            if (envelopes) {
                cell.add(row.showEnvelopes() ? String.format(Locale.ROOT, "%,.0f", row.envelopesPerSecond()) : "-");
            }
            for (double p : PERCENTILES) {
                cell.add(formatMillis(row.millis(p)));
            }
            cell.add(formatMillis(row.maxMillis()));
            cells.add(cell.toArray(String[]::new));
        }
        int columns = cells.getFirst().length;
        int[] widths = new int[columns];
        for (String[] cell : cells) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], cell[i].length());
            }
        }
        for (String[] cell : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    text.append("  ");
                }
                boolean left = i == 0 || i == 2;
                String pad = " ".repeat(widths[i] - cell[i].length());
                text.append(left ? cell[i] + pad : pad + cell[i]);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        if (extraName != null) {
            StringBuilder figures = new StringBuilder();
            extra.forEach((name, value) -> {
                if (!figures.isEmpty()) {
                    figures.append(", ");
                }
                if (name.endsWith("_s") && value instanceof Double seconds) {
                    String label = name.substring(0, name.length() - 2).replace('_', ' ');
                    figures.append(label).append(String.format(Locale.ROOT, " %.2fs", seconds));
                } else {
                    figures.append(name.replace('_', ' ')).append(' ').append(value);
                }
            });
            out.append('\n').append(extraName).append(": ").append(figures).append('\n');
        }
        for (String note : notes) {
            out.append('\n').append("note: ").append(note);
        }
        if (!notes.isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }

    String json() {
        JsonWriter json = new JsonWriter().beginObject()
                .name("scenario").value(scenario)
                .name("url").value(url)
                .name("settings").beginObject();
        settings.forEach((name, value) -> {
            json.name(name.replace(' ', '_'));
            if (value instanceof Number number) {
                json.value(number.longValue());
            } else {
                json.value(String.valueOf(value));
            }
        });
        json.endObject().name("stopped_by").value(stoppedBy).name("results").beginArray();
        for (Row row : rows) {
            OpStats stats = row.stats();
            json.beginObject()
                    .name("name").value(row.name())
                    .name("requests").value(stats.requests())
                    .name("errors").value(stats.errorCount())
                    .name("errors_by_kind").beginObject();
            stats.errors().forEach((kind, n) -> json.name(kind).value(n));
            json.endObject()
                    .name("duration_s").value(round(row.seconds(), 3))
                    .name("requests_per_s").value(round(row.requestsPerSecond(), 1));
            if (row.showEnvelopes()) {
                json.name("envelopes").value(stats.envelopes())
                        .name("envelopes_per_s").value(round(row.envelopesPerSecond(), 1));
            }
            json.name("latency_ms").beginObject();
            for (int i = 0; i < PERCENTILES.length; i++) {
                json.name(PERCENTILE_NAMES[i]).value(round(row.millis(PERCENTILES[i]), 4));
            }
            json.name("max").value(round(row.maxMillis(), 4))
                    .name("mean").value(round(stats.latency().mean() / 1e6, 4))
                    .endObject()
                    .endObject();
        }
        json.endArray();
        if (extraName != null) {
            json.name(extraName).beginObject();
            extra.forEach((name, value) -> {
                json.name(name);
                if (value instanceof Double d) {
                    json.value(round(d, 3));
                } else {
                    json.value(((Number) value).longValue());
                }
            });
            json.endObject();
        }
        json.name("notes").beginArray();
        notes.forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }

    private static String errorsCell(OpStats stats) {
        long total = stats.errorCount();
        if (total == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder().append(total).append(" (");
        boolean first = true;
        for (Map.Entry<String, Long> e : stats.errors().entrySet()) {
            if (!first) {
                text.append(' ');
            }
            text.append(e.getKey()).append(':').append(e.getValue());
            first = false;
        }
        return text.append(')').toString();
    }

    /** Three significant digits or so: 0.123, 1.23, 12.3, 123. */
    static String formatMillis(double ms) {
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
