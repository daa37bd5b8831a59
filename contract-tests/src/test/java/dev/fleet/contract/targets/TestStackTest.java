package dev.fleet.contract.targets;

import dev.fleet.contract.ApiSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack helper itself: an app may name the URL of an app that starts after it (the monolith ⇄ pricing-service
 * cycle needs this): that app is pinned to a port up front and starts on it.
 */
class TestStackTest {

    static final StackApp CATALOG = StackApp.catalogService();
    // the monolith starts first, so catalog-service's URL is asked before it runs
    static final StackApp MONOLITH = StackApp.monolith().set("catalog.mode", "remote").remote("catalog", CATALOG);

    @RegisterExtension
    static final TestStack STACK = TestStack.of(MONOLITH, CATALOG);

    @Test
    void anAppStartedLaterIsReachedAtTheUrlGivenOutBeforeItStarted() {
        String car = ApiSeed.through(MONOLITH.http()).carsAt(CATALOG.http()).car("40.00");
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        // the car exists only in catalog-service: the monolith found it at the pinned URL
        String quote = MONOLITH.http().get("/api/quotes?carId=" + car + "&from=" + from + "&to=" + from.plusDays(1)).expect(200).body();
        assertThat(quote).contains("\"carId\":\"" + car + "\"");
    }
}
