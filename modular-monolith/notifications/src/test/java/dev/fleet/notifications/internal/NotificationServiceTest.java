package dev.fleet.notifications.internal;

import dev.fleet.notifications.api.Notification;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationServiceTest {

    static final TestDatabase DB = TestDatabase.migrated("db/notifications/changelog.xml");
    final NotificationService notifications = new NotificationService(DB.jdbi(), Clock.systemUTC());

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void aCreatedReservationIsConfirmedToItsCustomer() {
        String customer = newId();
        ReservationCreated event = created(customer);
        notifications.reservationCreated(newId(), event);

        assertThat(notifications.forCustomer(customer)).singleElement().satisfies(n -> {
            assertThat(n.reservationId()).isEqualTo(event.reservationId());
            assertThat(n.customerId()).isEqualTo(customer);
            assertThat(n.type()).isEqualTo(Notification.RESERVATION_CONFIRMED);
            assertThat(n.sentAt()).isNotNull();
        });
    }

    @Test
    void redeliveriesOfTheSameEventNotifyOnce() {
        String customer = newId();
        ReservationCreated event = created(customer);
        String messageId = newId();
        notifications.reservationCreated(messageId, event);
        notifications.reservationCreated(messageId, event);
        notifications.reservationCreated(newId(), event); // same event under another message id
        assertThat(notifications.forCustomer(customer)).hasSize(1);
    }

    @Test
    void concurrentDuplicatesNotifyOnce() throws Exception {
        String customer = newId();
        ReservationCreated event = created(customer);
        String messageId = newId();
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = i % 2 == 0 ? messageId : newId();
                results.add(pool.submit(() -> {
                    start.await();
                    notifications.reservationCreated(id, event);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(notifications.forCustomer(customer)).hasSize(1);
    }

    @Test
    void aCancellationIsItsOwnNotification() {
        String customer = newId();
        ReservationCreated event = created(customer);
        notifications.reservationCreated(newId(), event);
        ReservationCancelled cancelled = new ReservationCancelled(event.reservationId(), customer, event.carId(), event.from(), event.to());
        notifications.reservationCancelled(newId(), cancelled);
        notifications.reservationCancelled(newId(), cancelled);
        assertThat(notifications.forCustomer(customer)).extracting(Notification::type)
                .containsExactly(Notification.RESERVATION_CONFIRMED, Notification.RESERVATION_CANCELLED);
    }

    @Test
    void missingOrMalformedCustomerIdIs422() {
        assertThatThrownBy(() -> notifications.forCustomer(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422)).hasMessageContaining("customerId is required");
        assertThatThrownBy(() -> notifications.forCustomer("")).hasMessageContaining("customerId is required");
        assertThatThrownBy(() -> notifications.forCustomer("a b")).hasMessageContaining("customerId must be");
        assertThat(notifications.forCustomer(newId())).isEmpty();
    }

    @Test
    void anEventBeyondTheColumnsLimitsIsAPoisonMessageAndWritesNothing() {
        String customer = newId();
        ReservationCreated good = created(customer);
        assertThatThrownBy(() -> notifications.reservationCreated("m".repeat(65), good))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("messageId must be 1-64");
        ReservationCreated longReservation = new ReservationCreated("r".repeat(37), customer, good.carId(), good.from(), good.to(), good.total(), good.currency());
        assertThatThrownBy(() -> notifications.reservationCreated(newId(), longReservation))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("reservationId must be 1-36");
        ReservationCreated nul = new ReservationCreated(newId(), "c\u0000", good.carId(), good.from(), good.to(), good.total(), good.currency());
        assertThatThrownBy(() -> notifications.reservationCreated(newId(), nul))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("customerId must not contain control characters");
        assertThat(notifications.forCustomer(customer)).isEmpty();
    }

    private static ReservationCreated created(String customer) {
        LocalDate from = LocalDate.now().plusDays(10);
        return new ReservationCreated(newId(), customer, "0345391802", from, from.plusDays(3), new BigDecimal("177.00"), "EUR");
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
