package dev.fleet.reservations.api;

/** Where reservation events are published. */
public final class ReservationEvents {

    /** The topic carrying {@link ReservationCreated} and {@link ReservationCancelled}, keyed by reservation id. */
    public static final String TOPIC = "fleet.reservations";

    private ReservationEvents() {
    }
}
