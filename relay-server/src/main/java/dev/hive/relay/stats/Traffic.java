package dev.hive.relay.stats;

/** Counters since start; they only grow, so a viewer derives rates from two snapshots. */
public record Traffic(
        long requests,
        long status2xx,
        long status3xx,
        long status4xx,
        long status5xx,
        long envelopesIn,
        long envelopesOut,
        long bytesIn,
        long bytesOut,
        long unauthorized401,
        long tooLarge413,
        long rateLimited429) {
}
