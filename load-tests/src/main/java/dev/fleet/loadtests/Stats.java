package dev.fleet.loadtests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The measured runs of one path: throughputs in messages per second. */
public record Stats(List<Double> perSecond) {

    public Stats {
        if (perSecond.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        perSecond = List.copyOf(perSecond);
    }

    /** Messages per second of {@code messages} in {@code nanos}. */
    public static double rate(int messages, long nanos) {
        return messages / (nanos / 1e9);
    }

    public double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        return sorted().get(sorted().size() - 1);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(perSecond);
        Collections.sort(sorted);
        return sorted;
    }
}
