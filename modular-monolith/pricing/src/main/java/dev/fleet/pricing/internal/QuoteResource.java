package dev.fleet.pricing.internal;

import dev.fleet.pricing.api.Quote;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** GET /api/quotes?carId=&from=&to=[&customerId=]. Parameters are text so bad dates are a 422 naming them. */
@Path("/api/quotes")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    private final PricingService pricing;

    public QuoteResource(PricingService pricing) {
        this.pricing = pricing;
    }

    @GET
    public Quote quote(@QueryParam("carId") String carId, @QueryParam("from") String from, @QueryParam("to") String to,
                       @QueryParam("customerId") String customerId) {
        return pricing.quoteText(carId, from, to, customerId);
    }
}
