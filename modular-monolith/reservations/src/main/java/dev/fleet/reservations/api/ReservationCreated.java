package dev.fleet.reservations.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Event (topic {@code fleet.reservations}): a reservation was committed. */
public record ReservationCreated(String reservationId, String customerId, String carId, LocalDate from, LocalDate to,
                                 BigDecimal total, String currency) {

    public static final String TYPE = "ReservationCreated";
}
