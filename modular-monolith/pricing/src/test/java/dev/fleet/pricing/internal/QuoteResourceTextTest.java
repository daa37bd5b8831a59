package dev.fleet.pricing.internal;

import dev.fleet.platform.errors.ApiException;
import dev.fleet.pricing.api.Quote;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * QuoteResource over another {@code Pricing} (the hook for the parallel run): it parses the text dates itself, then
 * asks that pricing. Here the other pricing is a real PricingService ("today" is Monday 2025-06-02).
 */
class QuoteResourceTextTest {

    final PricingService pricing = new PricingService(() -> PricingServiceTest.RULES, PricingServiceTest.CATALOG,
            PricingServiceTest.CUSTOMERS, PricingServiceTest.MONDAY);
    final QuoteResource throughPricing = new QuoteResource(QuoteResource.parsingDates(pricing));

    @Test
    void validTextIsThatPricingsQuote() {
        Quote quote = throughPricing.quote("GALAXY", "2025-06-02", "2025-06-09", PricingServiceTest.ADA);
        assertThat(quote).isEqualTo(pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-09"), PricingServiceTest.ADA));
        assertThat(quote.total()).isEqualByComparingTo("392.94");
    }

    @Test
    void malformedOrMissingDatesAreA422OfTheirOwn() {
        ApiException malformed = catchThrowableOfType(() -> throughPricing.quote("NOPE", "2025-13-01", "tomorrow", null), ApiException.class);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.errors()).containsExactly("from must be a date as YYYY-MM-DD, got '2025-13-01'",
                "to must be a date as YYYY-MM-DD, got 'tomorrow'");
        ApiException missing = catchThrowableOfType(() -> throughPricing.quote("GALAXY", null, " ", null), ApiException.class);
        assertThat(missing.errors()).containsExactly("from is required (YYYY-MM-DD)", "to is required (YYYY-MM-DD)");
    }

    @Test
    void theOtherProblemsAreThatPricingsToName() {
        ApiException e = catchThrowableOfType(() -> throughPricing.quote("NOPE", "2025-06-01", "2025-06-01", "x"), ApiException.class);
        assertThat(e.errors()).containsExactly(
                "carId: unknown car NOPE",
                "to must be after from (a rental covers from inclusive to to exclusive), got from 2025-06-01 and to 2025-06-01",
                "from must not be in the past, got 2025-06-01 (today is 2025-06-02)",
                "customerId: unknown customer x");
    }
}
