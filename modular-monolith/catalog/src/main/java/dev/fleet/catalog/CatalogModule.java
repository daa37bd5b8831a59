package dev.fleet.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.catalog.internal.CarChangeLog;
import dev.fleet.catalog.internal.CarReplica;
import dev.fleet.catalog.internal.CarResource;
import dev.fleet.catalog.internal.CarService;
import dev.fleet.catalog.internal.Cars;
import dev.fleet.catalog.internal.ReadOnlyCars;
import dev.fleet.catalog.remote.RemoteCarCatalog;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.platform.outbox.Outbox;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The catalog bounded context: cars, their categories, rates and locations. Built in one of four ways, depending
 * on where the catalog's data lives (docs/catalog-cutover.md):
 * <ul>
 *   <li>{@link #publishing}: the source of truth in this process; every write also appends a {@link CarChanged} to
 *       the {@link #OUTBOX} in its transaction (the monolith, local mode);</li>
 *   <li>{@link #standalone}: the source of truth, publishing nothing (catalog-service, {@code catalog.source: self});</li>
 *   <li>{@link #copy}: a read-only copy of the monolith's catalog, fed by {@link #messageHandlers} and the sync
 *       (catalog-service, {@code catalog.source: monolith});</li>
 *   <li>{@link #remote}: no data here; {@code /api/cars} and every read go to catalog-service (the monolith after
 *       cut-over, {@code catalog.mode: remote}).</li>
 * </ul>
 */
public class CatalogModule implements FleetModule {

    /** The outbox of {@link CarChanged} events (topic {@link CarChanged#TOPIC}), which the application relays. */
    public static final Outbox OUTBOX = new Outbox("catalog_outbox");

    private final Cars cars;
    private final CarReplica replica;

    private CatalogModule(Cars cars, CarReplica replica) {
        this.cars = cars;
        this.replica = replica;
    }

    public static CatalogModule publishing(Jdbi jdbi, Clock clock) {
        ObjectMapper json = Jackson.newObjectMapper(); // payloads: decimals as written (59.00 stays 59.00)
        return new CatalogModule(new CarService(jdbi, CarChangeLog.into(OUTBOX, json, clock)), null);
    }

    public static CatalogModule standalone(Jdbi jdbi) {
        return new CatalogModule(new CarService(jdbi, CarChangeLog.none()), null);
    }

    public static CatalogModule copy(Jdbi jdbi) {
        return new CatalogModule(new ReadOnlyCars(new CarService(jdbi, CarChangeLog.none())), new CarReplica(jdbi));
    }

    public static CatalogModule remote(RemoteCarCatalog catalogService) {
        return new CatalogModule(catalogService, null);
    }

    /** The catalog as other modules see it. */
    public CarCatalog catalog() {
        return cars;
    }

    /**
     * What a copy does with each event of {@link CarChanged#TOPIC}, however it arrives: applies it unless it already
     * has that change or a newer one (so redeliveries are harmless). Only a {@link #copy} has handlers.
     */
    public Map<String, MessageHandler> messageHandlers(ObjectMapper json) {
        if (replica == null) {
            throw new IllegalStateException("only a copy of the catalog consumes " + CarChanged.TOPIC);
        }
        return Map.of(CarChanged.TYPE, (envelope, requestId) -> replica.apply(checked(envelope.payloadAs(CarChanged.class, json))));
    }

    /**
     * The bulk sync: makes this database's cars equal to {@code snapshot} in one transaction (see
     * {@link CarReplica#replaceAll}); {@code watermark} is the source's {@link CarChanged#SEQUENCE_HEADER}, if sent.
     */
    public static CarReplica.SyncResult sync(Jdbi jdbi, List<Car> snapshot, OptionalLong watermark) {
        return new CarReplica(jdbi).replaceAll(snapshot, watermark);
    }

    /** A car the schema allows but the table does not (a missing field) is a poison message, not a retry. */
    private static CarChanged checked(CarChanged event) {
        Car car = event.car();
        if (car != null && (car.manufacturer() == null || car.model() == null || car.category() == null
                || car.dailyRate() == null || car.location() == null)) {
            throw new PoisonMessageException("CarChanged " + event.carId() + " carries an incomplete car: " + car);
        }
        return event;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public String changelog() {
        return "db/catalog/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new CarResource(cars));
    }
}
