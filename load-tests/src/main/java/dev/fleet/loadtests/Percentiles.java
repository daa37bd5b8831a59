package dev.fleet.loadtests;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of latency samples: the p-th percentile of n sorted samples is the sample of rank
 * ⌈p/100 · n⌉ (1-based), so it is always a latency that was really observed (no interpolation between two).
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** The samples (any order; the array is copied). */
    public static Percentiles of(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** {@code p} in (0, 100]. */
    public long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        // a tiny epsilon keeps 99/100·100 from landing on 99.00000000000001 and rounding up a rank
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    public int count() {
        return sorted.length;
    }
}
