package dev.fleet.loadtests.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.loadtests.gatling.FleetWorkload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Nothing lost: every reservation the workload created must get its invoice (billing, over AMQP) and its notification
 * (notifications, over Kafka). Asks through the edge, routed to the monolith (which answers in every stage, itself
 * or through its adapters), until all are found or the deadline passes; what is still missing then is lost.
 */
final class MessageAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int reservations, Set<String> missingInvoices, Set<String> missingNotifications) {
    }

    private final String edge;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(8);

    MessageAudit(String edge, String apiKey) {
        this.edge = edge;
        this.apiKey = apiKey;
    }

    Result check(Collection<String> reservations, Duration deadline) throws InterruptedException {
        Set<String> invoices = ConcurrentHashMap.newKeySet();
        invoices.addAll(reservations);
        Set<String> notifications = ConcurrentHashMap.newKeySet();
        notifications.addAll(reservations);
        long end = System.nanoTime() + deadline.toNanos();
        while ((!invoices.isEmpty() || !notifications.isEmpty()) && System.nanoTime() < end) {
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (String id : List.copyOf(invoices)) {
                calls.add(get("/api/invoices?reservationId=" + id).thenAccept(list -> {
                    if (list != null && list.size() > 0) {
                        invoices.remove(id);
                    }
                }));
            }
            if (!notifications.isEmpty()) {
                for (String customer : FleetWorkload.CUSTOMERS) {
                    calls.add(get("/api/notifications?customerId=" + customer).thenAccept(list -> {
                        if (list != null) {
                            list.forEach(n -> notifications.remove(n.path("reservationId").asText()));
                        }
                    }));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            if (!invoices.isEmpty() || !notifications.isEmpty()) {
                Thread.sleep(2000);
            }
        }
        return new Result(reservations.size(), Set.copyOf(invoices), Set.copyOf(notifications));
    }

    /** The JSON list, or null when the answer was not a 200 (asked again next round). */
    private CompletableFuture<JsonNode> get(String path) {
        inFlight.acquireUninterruptibly();
        return http.sendAsync(HttpRequest.newBuilder(URI.create(edge + path)).header("X-Api-Key", apiKey)
                        .header("X-Fleet-Route", "monolith").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            inFlight.release();
            try {
                return error == null && response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            } catch (Exception e) {
                return null;
            }
        });
    }
}
