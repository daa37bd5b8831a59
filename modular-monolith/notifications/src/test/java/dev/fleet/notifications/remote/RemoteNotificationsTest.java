package dev.fleet.notifications.remote;

import dev.fleet.platform.remote.HystrixSettings;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reservation events are not remote calls (reads are tested against notification-service: NotificationsRemoteModeTest). */
class RemoteNotificationsTest {

    private final RemoteNotifications notifications = new RemoteNotifications(new RemoteService("notifications",
            name -> URI.create("http://127.0.0.1:1"), null, new HystrixSettings()));

    @Test
    void reservationEventsAreMessagesNotCalls() {
        assertThatThrownBy(() -> notifications.reservationCreated("m-1", (ReservationCreated) null))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("notifications are remote")
                .hasMessageContaining("Kafka topic fleet.reservations");
        assertThatThrownBy(() -> notifications.reservationCancelled("m-2", (ReservationCancelled) null))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Kafka topic fleet.reservations");
    }
}
