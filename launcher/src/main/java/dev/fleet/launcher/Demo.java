package dev.fleet.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./fleet demo [--rate 5] [--duration 60s]}: light, steady traffic through the edge so the dashboard has
 * something to show — browse cars 60 %, quote 25 %, reserve 10 %, cancel 5 % — at a fixed arrival rate, each request
 * as one of 16 demo clients (its own API key, so the edge's sticky weights split them). Every 5 s one line: status
 * classes and which app answered ({@code X-Fleet-Origin}). Load tests proper are in load-tests/.
 */
final class Demo {

    /** Starts within 30..720 days: bookings open 730 days ahead (pricing's RentalPeriod.MAX_DAYS_AHEAD, docs/api-limits.md). */
    private static final int RENTAL_DAYS_AHEAD = 690;
    private static final List<String> CUSTOMERS = List.of("c0000000-0000-4000-8000-000000000001",
            "c0000000-0000-4000-8000-000000000002", "c0000000-0000-4000-8000-000000000003");

    private final Path var;
    private final Console console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<String> reservations = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> window = new TreeMap<>();
    private List<String> cars = List.of();
    private String edge;

    Demo(Path var, Console console) {
        this.var = var;
        this.console = console;
    }

    int run(List<String> args) {
        double rate = 5;
        Duration duration = null;
        for (int i = 0; i < args.size(); i++) {
            if (i + 1 >= args.size()) {
                throw new UsageException(args.get(i) + " needs a value");
            }
            String value = args.get(++i);
            switch (args.get(i - 1)) {
                case "--rate" -> rate = rate(value);
                case "--duration" -> duration = duration(value);
                default -> throw new UsageException("demo: unknown option '" + args.get(i - 1) + "' (expected --rate, --duration)");
            }
        }
        State state = State.read(var).filter(State::launcherAlive)
                .orElseThrow(() -> new FleetException("Fleet is not running: start it with ./fleet up"));
        edge = state.edgeUrl();
        cars = carIds();
        console.info(String.format(Locale.ROOT, "demo: %.1f requests/s through %s%s; Ctrl-C stops", rate, edge,
                duration == null ? "" : " for " + duration.toSeconds() + " s"));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        scheduler.scheduleAtFixedRate(this::oneRequest, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
        scheduler.scheduleAtFixedRate(this::report, 5, 5, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::shutdownNow));
        try {
            if (duration == null) {
                scheduler.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            } else {
                Thread.sleep(duration.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        report();
        return 0;
    }

    private static double rate(String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate > 0 && rate <= 200) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--rate must be a number of requests per second from 0 to 200, got '" + value + "'");
    }

    private static Duration duration(String value) {
        if (value.matches("\\d+s?")) {
            long seconds = Long.parseLong(value.replace("s", ""));
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        if (value.matches("\\d+m")) {
            return Duration.ofMinutes(Long.parseLong(value.replace("m", "")));
        }
        throw new UsageException("--duration must look like 60s or 5m, got '" + value + "'");
    }

    private List<String> carIds() {
        try {
            JsonNode list = State.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(edge + "/api/cars"))
                    .header("X-Fleet-Route", "monolith").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            List<String> ids = new ArrayList<>();
            list.forEach(car -> ids.add(car.path("id").asText()));
            if (ids.isEmpty()) {
                throw new FleetException("the edge lists no cars at " + edge + "/api/cars");
            }
            return ids;
        } catch (IOException e) {
            throw new FleetException("cannot list the cars through the edge at " + edge + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    private void oneRequest() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String key = Plan.DEMO_API_KEYS.get(random.nextInt(Plan.DEMO_API_KEYS.size()));
        String car = cars.get(random.nextInt(cars.size()));
        LocalDate from = LocalDate.now().plusDays(30 + random.nextInt(RENTAL_DAYS_AHEAD));
        LocalDate to = from.plusDays(1 + random.nextInt(7));
        int dice = random.nextInt(100);
        HttpRequest.Builder request;
        if (dice < 60) {
            request = HttpRequest.newBuilder(URI.create(edge + (dice < 20 ? "/api/cars" : "/api/cars/" + car)));
        } else if (dice < 85) {
            request = HttpRequest.newBuilder(URI.create(edge + "/api/quotes?carId=" + car + "&from=" + from + "&to=" + to));
        } else if (dice < 95 || reservations.isEmpty()) {
            String body = String.format("{\"customerId\":\"%s\",\"carId\":\"%s\",\"from\":\"%s\",\"to\":\"%s\"}",
                    CUSTOMERS.get(random.nextInt(CUSTOMERS.size())), car, from, to);
            request = HttpRequest.newBuilder(URI.create(edge + "/api/reservations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request = HttpRequest.newBuilder(URI.create(edge + "/api/reservations/" + reservations.poll())).DELETE();
        }
        http.sendAsync(request.header("X-Api-Key", key).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> count(response, error));
    }

    private void count(HttpResponse<String> response, Throwable error) {
        if (error != null) {
            tally("no answer");
            return;
        }
        if (response.statusCode() == 201 && response.request().method().equals("POST")) {
            try {
                reservations.add(State.mapper().readTree(response.body()).path("id").asText());
            } catch (IOException e) {
                // counted below all the same
            }
        }
        tally(response.statusCode() / 100 + "xx");
        tally("from " + response.headers().firstValue("X-Fleet-Origin").orElse("?"));
    }

    private synchronized void tally(String what) {
        window.merge(what, 1, Integer::sum);
    }

    private synchronized void report() {
        if (!window.isEmpty()) {
            StringBuilder line = new StringBuilder("demo: last 5 s");
            window.forEach((what, n) -> line.append(", ").append(what).append(' ').append(n));
            console.info(line.toString());
            window.clear();
        }
    }
}
