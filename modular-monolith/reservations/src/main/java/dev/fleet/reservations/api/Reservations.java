package dev.fleet.reservations.api;

import java.util.Optional;

/** What other modules may ask of reservations. */
public interface Reservations {

    /** The reservation, or empty when the id is unknown or malformed. */
    Optional<Reservation> find(String id);
}
