package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleet.contract.Fixtures.unknownUuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/notifications?customerId=}: a customer is told once of each reservation made and each one
 * cancelled, a moment after it happens.
 */
public interface NotificationsContract extends Contract {

    default List<JsonNode> notificationsOf(Booking booking) {
        return api().get(Http.query("/api/notifications", "customerId", booking.customerId())).list().stream()
                .filter(n -> n.path("reservationId").asText().equals(booking.reservationId())).toList();
    }

    @Test
    default void aReservationIsConfirmedToItsCustomerOnce() {
        Booking booking = seed().book();
        List<JsonNode> sent = Await.until("the confirmation of reservation " + booking.reservationId(),
                () -> notificationsOf(booking), list -> !list.isEmpty());
        assertThat(sent).as("exactly one notification").hasSize(1);
        JsonNode notification = sent.get(0);
        assertThat(notification.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "customerId", "reservationId", "type", "sentAt");
        assertThat(notification.get("id").asText()).isNotBlank();
        assertThat(notification.get("customerId").asText()).isEqualTo(booking.customerId());
        assertThat(notification.get("type").asText()).isEqualTo("RESERVATION_CONFIRMED");
        assertThat(notification.get("sentAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }

    @Test
    default void aCancellationIsNotifiedAfterTheConfirmation() {
        Booking booking = seed().book();
        Await.until("the confirmation of reservation " + booking.reservationId(), () -> notificationsOf(booking), list -> !list.isEmpty());
        seed().cancel(booking);
        List<JsonNode> sent = Await.until("the cancellation of reservation " + booking.reservationId(),
                () -> notificationsOf(booking), list -> list.size() >= 2);
        assertThat(sent).extracting(n -> n.get("type").asText()).containsExactly("RESERVATION_CONFIRMED", "RESERVATION_CANCELLED");
    }

    @Test
    default void aCustomerWithoutReservationsHasNoNotifications() {
        assertThat(api().get(Http.query("/api/notifications", "customerId", unknownUuid())).list()).isEmpty();
    }

    @Test
    default void aMissingOrMalformedCustomerIdIs422NamingIt() {
        api().get("/api/notifications").expectError(422, "customerId is required");
        api().get(Http.query("/api/notifications", "customerId", "<x>")).expectError(422, "customerId must be");
    }
}
