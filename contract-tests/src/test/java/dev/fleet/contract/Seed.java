package dev.fleet.contract;

/**
 * Setup a contract needs from outside its own capability: a quote needs a car, an invoice needs a reservation.
 * {@link ApiSeed} does it through a Fleet HTTP API; a target whose API lacks the endpoint (billing-service has no
 * reservations) provides one that goes through its real entry instead (a charge command on its queue).
 */
public interface Seed {

    /** A new car at this daily rate (two decimals, e.g. "59.00") that the target can quote and reserve; its id. */
    String car(String dailyRate);

    /** A new customer the target knows; its id. */
    String customer();

    /** A new reservation, which billing invoices and notifications confirm. */
    Booking book();

    /** Cancels a reservation made by {@link #book()}. */
    void cancel(Booking booking);
}
