package dev.hive.relay.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hive.relay.stats.RelaySnapshot;
import org.junit.jupiter.api.Test;

class RatesTest {

    private final RelaySnapshot first = Fixtures.snapshot().build();

    @Test
    void ratesAreDeltasOverServerTime() {
        RelaySnapshot second = Fixtures.snapshot().at(Fixtures.T0 + 2_000)
                .requests(first.traffic().requests() + 1000)
                .errors(first.traffic().status4xx() + 4, first.traffic().status5xx() + 1)
                .envelopes(first.traffic().envelopesIn() + 300, first.traffic().envelopesOut() + 600)
                .bytes(first.traffic().bytesIn() + 2048, first.traffic().bytesOut() + 4096)
                .build();
        Rates r = Rates.between(first, second).orElseThrow();
        assertEquals(2.0, r.seconds());
        assertEquals(500.0, r.requests());
        assertEquals(2.0, r.status4xx());
        assertEquals(0.5, r.status5xx());
        assertEquals(150.0, r.envelopesIn());
        assertEquals(300.0, r.envelopesOut());
        assertEquals(1024.0, r.bytesIn());
        assertEquals(2048.0, r.bytesOut());
    }

    @Test
    void noRatesWithoutAnEarlierSnapshotOrElapsedServerTime() {
        assertTrue(Rates.between(null, first).isEmpty());
        assertTrue(Rates.between(first, first).isEmpty());
    }

    @Test
    void noRatesAcrossARestart() {
        RelaySnapshot restarted = Fixtures.snapshot().at(Fixtures.T0 + 2_000)
                .startedAt(Fixtures.T0 + 1_000).requests(3).build();
        assertTrue(Rates.between(first, restarted).isEmpty());
        RelaySnapshot reset = Fixtures.snapshot().at(Fixtures.T0 + 2_000).requests(3).build();
        assertTrue(Rates.between(first, reset).isEmpty(), "a counter going backwards is a reset");
    }
}
