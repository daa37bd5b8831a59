package dev.fleet.loadtests.edge;

import dev.fleet.loadtests.gatling.WorkloadSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The edge benchmark's settings, from environment variables (the table is in load-tests/README.md):
 * {@code BENCH_RATE} requests per second; {@code BENCH_PRIME} the first load, discarded, that warms the JVMs, at
 * {@code BENCH_PRIME_RATE} (default: the rate; lower it to measure a rate that would topple a cold edge);
 * {@code BENCH_ROUNDS} how many times every target is loaded, in alternating order; {@code BENCH_WARMUP} the
 * discarded start of every target's run; {@code BENCH_DURATION} the measured time per target, split evenly over
 * the rounds; {@code BENCH_QUICK=1} a smoke run with shorter defaults; {@code BENCH_TARGETS} which targets
 * ({@code direct}, the baseline, always); {@code BENCH_PORT_BASE} the first of the ports used.
 */
record BenchSettings(double rate, double primeRate, Duration prime, int rounds, Duration warmup, Duration duration, boolean quick,
                     List<Target> targets, int portBase) {
    /** What the load is sent to; round 1 runs them in this order. */
    enum Target {
        DIRECT("direct", "the monolith, no proxy"),
        ZUUL("zuul", "Fleet's edge (Zuul 2)"),
        NGINX("nginx", "nginx"),
        HAPROXY("haproxy", "HAProxy");

        final String id;
        final String label;

        Target(String id, String label) {
            this.id = id;
            this.label = label;
        }

        static Target of(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("BENCH_TARGETS: unknown target '" + id + "' (known: direct, zuul, nginx, haproxy)"));
        }
    }

    BenchSettings {
        if (!(rate > 0 && rate <= 20_000) || !(primeRate > 0 && primeRate <= 20_000)) {
            throw new IllegalArgumentException("BENCH_RATE and BENCH_PRIME_RATE must be requests per second above 0 and "
                    + "at most 20000, got " + rate + " and " + primeRate);
        }
        if (rounds < 1 || rounds > 10) {
            throw new IllegalArgumentException("BENCH_ROUNDS must be from 1 to 10, got " + rounds);
        }
        // the priming and every warm-up ramp up for their first half (EdgeBenchmark), in whole seconds
        if (prime.toSeconds() < 2 || warmup.toSeconds() < 2) {
            throw new IllegalArgumentException("BENCH_PRIME and BENCH_WARMUP must be at least 2s");
        }
        if (duration.toSeconds() < rounds || duration.toSeconds() % rounds != 0) {
            throw new IllegalArgumentException("BENCH_DURATION (" + duration.toSeconds() + "s) must be a whole number of "
                    + "seconds per round: a multiple of BENCH_ROUNDS (" + rounds + ")");
        }
        if (!targets.contains(Target.DIRECT)) {
            throw new IllegalArgumentException("BENCH_TARGETS must include 'direct': every proxy is compared with it");
        }
        if (portBase < 1024 || portBase > 65_000) {
            throw new IllegalArgumentException("BENCH_PORT_BASE must be a port from 1024 to 65000, got " + portBase);
        }
        targets = List.copyOf(targets);
    }

    static BenchSettings from(Map<String, String> env) {
        boolean quick = "1".equals(env.get("BENCH_QUICK"));
        List<Target> targets = new ArrayList<>();
        for (String id : env.getOrDefault("BENCH_TARGETS", "direct,zuul,nginx,haproxy").split(",")) {
            Target t = Target.of(id.trim().toLowerCase(Locale.ROOT));
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }
        targets.sort(null); // always the same order, whatever the variable's
        String rate = env.getOrDefault("BENCH_RATE", "300");
        return new BenchSettings(
                number("BENCH_RATE", rate),
                number("BENCH_PRIME_RATE", env.getOrDefault("BENCH_PRIME_RATE", rate)),
                WorkloadSettings.duration("BENCH_PRIME", env.getOrDefault("BENCH_PRIME", quick ? "10s" : "60s")),
                (int) number("BENCH_ROUNDS", env.getOrDefault("BENCH_ROUNDS", quick ? "1" : "2")),
                WorkloadSettings.duration("BENCH_WARMUP", env.getOrDefault("BENCH_WARMUP", "3s")),
                WorkloadSettings.duration("BENCH_DURATION", env.getOrDefault("BENCH_DURATION", quick ? "8s" : "16s")),
                quick, targets, (int) number("BENCH_PORT_BASE", env.getOrDefault("BENCH_PORT_BASE", "18100")));
    }

    /** The measured time of one target in one round. */
    Duration window() {
        return duration.dividedBy(rounds);
    }

    /** Round 1 in the targets' order, round 2 reversed, and so on: a drift over the run (JIT, neighbours) evens out. */
    List<Target> order(int round) {
        List<Target> order = new ArrayList<>(targets);
        if (round % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    int monolithPort() {
        return portBase;
    }

    int monolithAdminPort() {
        return portBase + 1;
    }

    int port(Target target) {
        return switch (target) {
            case DIRECT -> monolithPort();
            case ZUUL -> portBase + 10;
            case NGINX -> portBase + 20;
            case HAPROXY -> portBase + 30;
        };
    }

    int zuulAdminPort() {
        return portBase + 11;
    }

    private static double number(String name, String value) {
        try {
            double n = Double.parseDouble(value.trim());
            if (!name.endsWith("RATE") && n != Math.rint(n)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a " + (name.endsWith("RATE") ? "number" : "whole number")
                    + ", got '" + value + "'");
        }
    }
}
