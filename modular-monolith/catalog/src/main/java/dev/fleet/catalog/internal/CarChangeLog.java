package dev.fleet.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.platform.outbox.OutboxMessage;
import org.jdbi.v3.core.Handle;

import java.time.Clock;

/**
 * Records the catalog's writes as {@link CarChanged} events in the catalog's outbox, inside the write's own
 * transaction (so an event exists exactly when its change committed), or nowhere where nobody follows the catalog.
 */
public final class CarChangeLog {

    private static final CarChangeLog NONE = new CarChangeLog(null, null, null);

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    private CarChangeLog(Outbox outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public static CarChangeLog none() {
        return NONE;
    }

    public static CarChangeLog into(Outbox outbox, ObjectMapper json, Clock clock) {
        return new CarChangeLog(outbox, json, clock);
    }

    boolean records() {
        return outbox != null;
    }

    void upserted(Handle handle, Car car) {
        if (records()) {
            append(handle, CarChanged.upserted(car, next(handle)));
        }
    }

    void deleted(Handle handle, String id) {
        if (records()) {
            append(handle, CarChanged.deleted(id, next(handle)));
        }
    }

    /**
     * The next change number. Taken after the car's own row was written, and incrementing the single counter row
     * locks it until commit: so numbers follow commit order, per car and across cars.
     */
    private static long next(Handle handle) {
        CarDao dao = handle.attach(CarDao.class);
        dao.incrementSequence();
        return dao.lastSequence();
    }

    private void append(Handle handle, CarChanged event) {
        try {
            outbox.append(handle, OutboxMessage.of(event.carId(), CarChanged.TYPE, CarChanged.TOPIC,
                    json.writeValueAsString(event), clock.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }
}
