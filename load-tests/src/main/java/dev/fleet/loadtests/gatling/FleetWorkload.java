package dev.fleet.loadtests.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Fleet's workload through the edge, as an open model: new requests arrive at a fixed rate whatever the system's
 * answers take (a closed loop would slow down with the system and hide its latency). Each arrival is one request as
 * one of the API-key clients: browse cars 60 % (the list 20 %, one car 40 %), quote 25 %, reserve 10 %, cancel 5 %
 * (one of this run's reservations; a reservation while there is none yet). Settings: {@link WorkloadSettings}.
 * A 5xx or no answer is a KO in Gatling's report; {@link RequestLog} keeps every request for ./fleet compare.
 */
public class FleetWorkload extends Simulation {

    /** Starts within 30..720 days: bookings open 730 days ahead (pricing's RentalPeriod.MAX_DAYS_AHEAD, docs/api-limits.md). */
    private static final int RENTAL_DAYS_AHEAD = 690;
    /** The renters the demo data has. */
    public static final List<String> CUSTOMERS = List.of("c0000000-0000-4000-8000-000000000001",
            "c0000000-0000-4000-8000-000000000002", "c0000000-0000-4000-8000-000000000003");

    private final WorkloadSettings settings = WorkloadSettings.from(System.getProperties());
    private final List<String> cars = carIds(settings);
    private final RequestLog log = settings.requestLog() == null ? null : new RequestLog(settings.requestLog());
    private final Queue<String> reservations = new ConcurrentLinkedQueue<>();

    {
        HttpProtocolBuilder protocol = http.baseUrl(settings.edge())
                .acceptHeader("application/json")
                // clients keep connections alive: one shared pool, not a new connection per arrival
                .shareConnections();
        Iterator<Map<String, Object>> arrivals = Stream.generate(this::arrival).iterator();

        ChainBuilder reserve = timed("reserve", http("reserve").post("/api/reservations")
                .header("Content-Type", "application/json")
                .body(io.gatling.javaapi.core.CoreDsl.StringBody(
                        "{\"customerId\":\"#{customerId}\",\"carId\":\"#{carId}\",\"from\":\"#{from}\",\"to\":\"#{to}\"}"))
                .check(jsonPath("$.id").optional().saveAs("created")));
        ChainBuilder cancel = exec(session -> session.set("cancel", String.valueOf(reservations.poll())))
                .exec(doIfOrElse(session -> !"null".equals(session.getString("cancel")))
                        .then(timed("cancel", http("cancel").delete("/api/reservations/#{cancel}")))
                        .orElse(reserve));

        ScenarioBuilder scenario = scenario("Fleet workload").feed(arrivals).randomSwitch().on(
                percent(20.0).then(timed("cars", http("cars").get("/api/cars"))),
                percent(40.0).then(timed("car", http("car").get("/api/cars/#{carId}"))),
                percent(25.0).then(timed("quote", http("quote").get("/api/quotes?carId=#{carId}&from=#{from}&to=#{to}"))),
                percent(10.0).then(reserve),
                percent(5.0).then(cancel));

        setUp(scenario.injectOpen(
                rampUsersPerSec(1).to(settings.rate()).during(settings.ramp()),
                constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(protocol);
    }

    @Override
    public void after() {
        if (log != null) {
            log.close();
        }
    }

    private Map<String, Object> arrival() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate from = LocalDate.now().plusDays(30 + random.nextInt(RENTAL_DAYS_AHEAD));
        return Map.of("apiKey", settings.apiKeys().get(random.nextInt(settings.apiKeys().size())),
                "carId", cars.get(random.nextInt(cars.size())),
                "customerId", CUSTOMERS.get(random.nextInt(CUSTOMERS.size())),
                "from", from.toString(), "to", from.plusDays(1 + random.nextInt(7)).toString());
    }

    /** The request as the arrival's client, with what RequestLog needs saved; 5xx is a KO in Gatling's report. */
    private ChainBuilder timed(String name, HttpRequestActionBuilder request) {
        return exec(session -> session.set("t0", System.currentTimeMillis()))
                .exec(request.header("X-Api-Key", "#{apiKey}").check(
                        status().saveAs("status"),
                        header("X-Fleet-Degraded").optional().saveAs("degraded"),
                        header("X-Fleet-Origin").optional().saveAs("origin"),
                        status().lt(500)))
                .exec(session -> record(name, session));
    }

    private Session record(String name, Session session) {
        long now = System.currentTimeMillis();
        int status = session.contains("status") ? session.getInt("status") : 0;
        String created = status == 201 && session.contains("created") ? session.getString("created") : null;
        if (created != null) {
            reservations.add(created);
        }
        if (log != null) {
            log.record(now, name, status, now - session.getLong("t0"), session.getString("degraded"),
                    session.getString("origin"), created);
        }
        return session;
    }

    /** The cars to browse, quote and reserve: the monolith's list, through the edge (retried for 30 s: cold JVMs). */
    static List<String> carIds(WorkloadSettings settings) {
        URI uri = URI.create(settings.edge() + "/api/cars");
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last;
        try {
            while (true) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                            .header("X-Api-Key", settings.apiKeys().get(0)).header("X-Fleet-Route", "monolith")
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        List<String> ids = new ArrayList<>();
                        for (JsonNode car : new ObjectMapper().readTree(response.body())) {
                            ids.add(car.path("id").asText());
                        }
                        if (ids.isEmpty()) {
                            throw new IllegalStateException(uri + " lists no cars");
                        }
                        return ids;
                    }
                    last = "answered " + response.statusCode() + ": " + response.body();
                } catch (IOException e) {
                    last = "did not answer (is ./fleet up running?): " + e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("GET " + uri + " " + last);
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
