package dev.hive.relay.cli.bench;

import dev.hive.relay.json.JsonTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each scenario through the real command against the real relay, with tiny counts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchScenariosTest {

    @TempDir
    static Path dir;
    private static TestRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = TestRelay.start(dir);
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void health() {
        Map<String, Object> report = bench("health", "--requests", "200", "--connections", "4", "--warmup", "0");
        Map<String, Object> row = onlyRow(report, "health");
        assertClean(row, 200);
        assertEquals("requests", report.get("stopped_by"));
    }

    @Test
    void pushCountsExactlyAfterWarmup() {
        Map<String, Object> report = bench("push", "--requests", "200", "--connections", "4", "--rooms", "5",
                "--batch", "3", "--size", "300", "--warmup", "200ms");
        assertClean(onlyRow(report, "push"), 200);
        Map<?, ?> settings = (Map<?, ?>) report.get("settings");
        assertEquals(300L, settings.get("size"));
    }

    @Test
    void pullTailReadsTheNewestHundred() {
        Map<String, Object> report = bench("pull", "--requests", "20", "--connections", "2", "--rooms", "2",
                "--prefill", "120", "--warmup", "0");
        Map<String, Object> row = onlyRow(report, "pull tail");
        assertClean(row, 20);
        assertEquals(20L * PullLoad.TAIL, row.get("envelopes"));
    }

    @Test
    void pullCatchupReadsEverything() {
        Map<String, Object> report = bench("pull", "--mode", "catchup", "--requests", "10", "--connections", "2",
                "--rooms", "2", "--prefill", "30", "--warmup", "0");
        Map<String, Object> row = onlyRow(report, "pull catchup");
        assertClean(row, 10);
        assertEquals(10L * 30, row.get("envelopes"));
    }

    @Test
    void fanout() {
        Map<String, Object> report = bench("fanout", "--count", "20", "--warmup", "0");
        List<?> rows = (List<?>) report.get("results");
        assertEquals(3, rows.size());
        Map<String, Object> delivery = row(rows.get(0));
        assertEquals("fanout", delivery.get("name"));
        assertClean(delivery, 20);
        assertClean(row(rows.get(1)), 20); // A's posts, one per event
        assertEquals("count", report.get("stopped_by"));
    }

    @Test
    void streamsAreHeldToTheEnd() {
        Map<String, Object> report = bench("streams", "--streams", "10", "--rooms", "3", "--connections", "4",
                "--duration", "1s");
        assertClean(onlyRow(report, "streams"), 10);
        Map<?, ?> streams = (Map<?, ?>) report.get("streams");
        assertEquals(10L, streams.get("connected"));
        assertEquals(0L, streams.get("failed"));
        assertEquals(10L, streams.get("held"));
    }

    @Test
    void mixedCountsEveryRequest() {
        Map<String, Object> report = bench("mixed", "--requests", "100", "--connections", "4", "--rooms", "2",
                "--warmup", "0");
        List<?> rows = (List<?>) report.get("results");
        Map<String, Object> total = row(rows.get(0));
        assertEquals("mixed", total.get("name"));
        assertClean(total, 100);
        long parts = 0;
        for (Object part : rows.subList(1, rows.size())) {
            parts += (Long) row(part).get("requests");
        }
        assertEquals(100L, parts);
    }

    @Test
    void printsATableByDefault() {
        TestRelay.Run run = TestRelay.cli("bench", "health", "--url", relay.url(), "--requests", "20",
                "--connections", "2", "--warmup", "0", "--no-progress");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("p99.9 ms"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("health ") && line.contains(" 20 ")), run.out());
        assertEquals("", run.err());
    }

    private static Map<String, Object> bench(String scenario, String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "bench";
        all[1] = scenario;
        all[2] = "--url";
        all[3] = relay.url();
        all[4] = "--json";
        all[5] = "--no-progress";
        System.arraycopy(args, 0, all, 6, args.length);
        TestRelay.Run run = TestRelay.cli(all);
        assertEquals(0, run.exitCode(), run.err());
        return JsonTree.parseObject(run.out());
    }

    private static Map<String, Object> onlyRow(Map<String, Object> report, String name) {
        List<?> rows = (List<?>) report.get("results");
        assertEquals(1, rows.size());
        Map<String, Object> row = row(rows.getFirst());
        assertEquals(name, row.get("name"));
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Object row) {
        return (Map<String, Object>) row;
    }

    /** The right count, no errors, and percentiles in order. */
    private static void assertClean(Map<String, Object> row, long requests) {
        assertEquals(requests, row.get("requests"), row.toString());
        assertEquals(0L, row.get("errors"), row.toString());
        Map<?, ?> latency = (Map<?, ?>) row.get("latency_ms");
        double p50 = number(latency.get("p50"));
        double p90 = number(latency.get("p90"));
        double p99 = number(latency.get("p99"));
        double p999 = number(latency.get("p99_9"));
        double max = number(latency.get("max"));
        assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max, latency.toString());
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
