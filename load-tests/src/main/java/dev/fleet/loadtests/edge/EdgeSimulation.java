package dev.fleet.loadtests.edge;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The edge benchmark's load on one target, as an open model: after a ramp, a new GET arrives every 1/rate s
 * whatever the answers take — a third {@code /api/cars} (the list), two thirds {@code /api/cars/{id}} of a random car — with the
 * benchmark's {@code X-Api-Key}, over one shared pool of keep-alive connections. Each request is timed with
 * {@link System#nanoTime()} (Gatling's own times are whole milliseconds; loopback latencies are fractions of one)
 * and kept in {@link #SAMPLES} for {@link Measurement}. Run in the benchmark's JVM, one target at a time; the
 * target and the load come from the {@code edgebench.*} system properties {@link EdgeBenchmark} sets.
 */
public class EdgeSimulation extends Simulation {
    static final String URL = "edgebench.url";
    static final String RATE = "edgebench.rate";
    static final String RAMP = "edgebench.rampSeconds";
    static final String SECONDS = "edgebench.seconds";
    static final String API_KEY = "edgebench.apiKey";
    static final String CARS = "edgebench.cars";

    /** The requests of the current run, and its first arrival ({@link Long#MIN_VALUE} before it). */
    static final Queue<Measurement.Sample> SAMPLES = new ConcurrentLinkedQueue<>();
    static final AtomicLong FIRST_ARRIVAL = new AtomicLong(Long.MIN_VALUE);

    static void reset() {
        SAMPLES.clear();
        FIRST_ARRIVAL.set(Long.MIN_VALUE);
    }

    {
        List<String> cars = List.of(System.getProperty(CARS).split(","));
        Iterator<Map<String, Object>> arrivals = Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = random.nextInt(3) == 0 ? "/api/cars" : "/api/cars/" + cars.get(random.nextInt(cars.size()));
            return Map.<String, Object>of("path", path);
        }).iterator();

        ScenarioBuilder scenario = scenario("edge benchmark").feed(arrivals)
                .exec(session -> {
                    long now = System.nanoTime();
                    FIRST_ARRIVAL.compareAndSet(Long.MIN_VALUE, now);
                    return session.set("t0", now);
                })
                // saveAs first: a 503 is kept as 503 even though the next check fails it
                .exec(http("GET").get("#{path}").check(status().saveAs("status"), status().is(200)))
                .exec(session -> {
                    SAMPLES.add(new Measurement.Sample(session.getLong("t0"), System.nanoTime(),
                            session.contains("status") ? session.getInt("status") : 0));
                    return session;
                });

        // a cold JVM at the full rate at once can fall into a spiral it never leaves (a queue of requests that have
        // timed out already): the rate ramps up from a tenth first, then holds
        double rate = Double.parseDouble(System.getProperty(RATE));
        long hold = Long.parseLong(System.getProperty(SECONDS));
        List<OpenInjectionStep> steps = new ArrayList<>(List.of(rampUsersPerSec(Math.max(1, rate / 10)).to(rate)
                .during(Duration.ofSeconds(Long.parseLong(System.getProperty(RAMP))))));
        if (hold > 0) {
            steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(hold)));
        }
        setUp(scenario.injectOpen(steps))
                .protocols(http.baseUrl(System.getProperty(URL))
                        .acceptHeader("application/json")
                        .header("X-Api-Key", System.getProperty(API_KEY))
                        // clients keep connections alive: one shared pool, not a new connection per arrival
                        .shareConnections());
    }
}
