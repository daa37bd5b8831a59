package dev.fleet.reservations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.reservations.api.Reservations;
import dev.fleet.reservations.internal.ReservationResource;
import dev.fleet.reservations.internal.ReservationService;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/**
 * The reservations bounded context: availability per car, reservations, cancellation. Its events and billing
 * commands leave through its transactional outbox ({@link #outbox()}), which the application relays.
 */
public class ReservationsModule implements FleetModule {

    /** The module's outbox table. */
    public static final String OUTBOX_TABLE = "reservation_outbox";

    private final Outbox outbox = new Outbox(OUTBOX_TABLE);
    private final ReservationService reservations;

    public ReservationsModule(Jdbi jdbi, CarCatalog cars, CustomerDirectory customers, Pricing pricing, Clock clock) {
        // Payloads: ISO dates, decimals as written (the same JSON the relays will put on Kafka and RabbitMQ).
        ObjectMapper json = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.reservations = new ReservationService(jdbi, cars, customers, pricing, clock, outbox, json);
    }

    public Reservations reservations() {
        return reservations;
    }

    /** The outbox holding ReservationCreated/ReservationCancelled (fleet.reservations) and ChargeRequested (fleet.billing.charges). */
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public String name() {
        return "reservations";
    }

    @Override
    public String changelog() {
        return "db/reservations/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new ReservationResource(reservations));
    }
}
