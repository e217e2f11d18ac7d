package dev.hive.relay.server;

import dev.hive.relay.stats.Traffic;

import java.util.concurrent.atomic.LongAdder;

/** Counters since start, updated on the hot path without contention. */
public final class TrafficCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder()};
    private final LongAdder envelopesIn = new LongAdder();
    private final LongAdder envelopesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    public void request(int status, long requestBytes, long responseBytes) {
        requests.increment();
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            byClass[statusClass - 1].increment();
        }
        switch (status) {
            case 401 -> unauthorized.increment();
            case 413 -> tooLarge.increment();
            case 429 -> rateLimited.increment();
            default -> {
            }
        }
        bytesIn.add(Math.max(0, requestBytes));
        bytesOut.add(Math.max(0, responseBytes));
    }

    public void envelopeIn() {
        envelopesIn.increment();
    }

    public void envelopesOut(int count) {
        envelopesOut.add(count);
    }

    public Traffic snapshot() {
        return new Traffic(requests.sum(), byClass[1].sum(), byClass[2].sum(), byClass[3].sum(), byClass[4].sum(),
                envelopesIn.sum(), envelopesOut.sum(), bytesIn.sum(), bytesOut.sum(), unauthorized.sum(),
                tooLarge.sum(), rateLimited.sum());
    }
}
