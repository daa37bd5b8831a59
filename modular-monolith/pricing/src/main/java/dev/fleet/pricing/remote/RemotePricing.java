package dev.fleet.pricing.remote;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.money.Money;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteClientException;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.RemoteUnavailableException;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import dev.fleet.pricing.api.RentalPeriod;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pricing as pricing-service answers it (branch by abstraction: reservations keep asking a {@link Pricing}). Each
 * quote is {@code GET /api/quotes} in a Hystrix command (group and thread pool {@code pricing}, key {@code quote}).
 * The service's 4xx is the caller's mistake: it is rethrown as the {@link ApiException} a local quote would throw
 * (same status, message and errors). When the service fails, times out or its circuit is open, the fallback chosen
 * at construction answers:
 * <ul>
 *   <li>{@link #failFast}: 503 with {@code Retry-After};</li>
 *   <li>{@link #listPrice}: the car's daily rate (from the catalog) × days, no surcharges or discounts, marked
 *       degraded ({@code X-Fleet-Degraded: pricing}); a request it cannot price (unknown car, impossible dates) is 503.</li>
 * </ul>
 */
public class RemotePricing implements Pricing {
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final String SERVICE = "pricing";

    private final RemoteService pricing;
    private final ListPrice listPrice; // null: fail fast

    private RemotePricing(RemoteService pricing, ListPrice listPrice) {
        this.pricing = pricing;
        this.listPrice = listPrice;
    }

    /** When pricing-service cannot answer: 503 with {@code Retry-After}. */
    public static RemotePricing failFast(RemoteService pricing) {
        return new RemotePricing(pricing, null);
    }

    /** When pricing-service cannot answer: the list price from {@code cars}; {@code clock} says what "today" is. */
    public static RemotePricing listPrice(RemoteService pricing, CarCatalog cars, Clock clock) {
        return new RemotePricing(pricing, new ListPrice(cars, clock));
    }

    @Override
    public Quote quote(String carId, LocalDate from, LocalDate to, String customerId) {
        return quoteText(carId, from == null ? null : from.toString(), to == null ? null : to.toString(), customerId);
    }

    /**
     * The HTTP form: the parameters go to pricing-service as the client wrote them, so a malformed date is named
     * together with every other problem, exactly as a local quote names them. Absent (null) parameters are left out.
     */
    public Quote quoteText(String carId, String from, String to, String customerId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("carId", carId);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("customerId", customerId);
        Fallback<Quote> fallback = listPrice == null
                ? Fallback.failFast(RETRY_AFTER)
                : Fallback.value(() -> listPrice.quote(carId, from, to));
        try {
            return pricing.call("quote", target -> get(target, parameters), response -> response.readEntity(Quote.class), fallback);
        } catch (RemoteClientException e) {
            throw new ApiException(e.status(), e.getMessage(), e.errors());
        }
    }

    private static Response get(WebTarget target, Map<String, String> parameters) {
        WebTarget quotes = target.path("/api/quotes");
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null) {
                // a template, so the value is encoded as a query value (Jersey would read "{…}" in a plain value as a template)
                quotes = quotes.queryParam(parameter.getKey(), "{" + parameter.getKey() + "}")
                        .resolveTemplate(parameter.getKey(), parameter.getValue());
            }
        }
        return quotes.request(MediaType.APPLICATION_JSON_TYPE).get();
    }

    /**
     * The degraded answer: days × the car's daily rate. It prices only what pricing-service would price too (known
     * car, dates that pass {@link RentalPeriod}); anything else is 503, never a
     * guess. The customer is not checked (reservations check it themselves). Runs as the Hystrix fallback.
     */
    private record ListPrice(CarCatalog cars, Clock clock) {

        Quote quote(String carId, String fromText, String toText) {
            Optional<Car> car = carId == null || carId.isBlank() ? Optional.empty() : cars.find(Problems.trim(carId));
            LocalDate from = date(fromText);
            LocalDate to = date(toText);
            if (car.isEmpty() || !RentalPeriod.isValid(from, to, LocalDate.now(clock))) {
                throw new RemoteUnavailableException(SERVICE, RETRY_AFTER, null);
            }
            long days = ChronoUnit.DAYS.between(from, to);
            BigDecimal rate = Money.cents(car.get().dailyRate());
            BigDecimal total = Money.cents(rate.multiply(BigDecimal.valueOf(days)));
            String label = days + (days == 1 ? " day" : " days") + " × " + rate + " (list price: pricing unavailable)";
            return new Quote(car.get().id(), from, to, (int) days, total, Money.CURRENCY, List.of(new QuoteLine(label, total)));
        }

        private static LocalDate date(String text) {
            try {
                return text == null ? null : LocalDate.parse(Problems.trim(text));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
