package dev.fleet.pricing.internal;

import dev.fleet.platform.errors.Problems;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;

/**
 * GET /api/quotes?carId=&from=&to=[&customerId=]. Parameters are text so bad dates are a 422 naming them. Who
 * answers depends on the mode: the local rules, pricing-service, or any other {@link Pricing}.
 */
@Path("/api/quotes")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    /** A quote from the request's text parameters. */
    @FunctionalInterface
    public interface TextQuotes {
        Quote quote(String carId, String from, String to, String customerId);
    }

    private final TextQuotes quotes;

    public QuoteResource(TextQuotes quotes) {
        this.quotes = quotes;
    }

    /**
     * For a {@link Pricing} that takes dates: they are parsed here (malformed ones are a 422 of their own, before the
     * other problems are known), the rest is that pricing's to check.
     */
    public static TextQuotes parsingDates(Pricing pricing) {
        return (carId, from, to, customerId) -> {
            Problems problems = new Problems();
            LocalDate fromDate = problems.date("from", from);
            LocalDate toDate = problems.date("to", to);
            problems.throwIfAny();
            return pricing.quote(carId, fromDate, toDate, customerId);
        };
    }

    @GET
    public Quote quote(@QueryParam("carId") String carId, @QueryParam("from") String from, @QueryParam("to") String to,
                       @QueryParam("customerId") String customerId) {
        return quotes.quote(carId, from, to, customerId);
    }
}
