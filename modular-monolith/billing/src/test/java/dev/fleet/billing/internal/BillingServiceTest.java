package dev.fleet.billing.internal;

import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.billing.api.Invoice;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.platform.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingServiceTest {

    static final TestDatabase DB = TestDatabase.migrated("db/billing/changelog.xml");
    static final Jdbi JDBI = DB.jdbi();
    final BillingService billing = new BillingService(JDBI, Clock.systemUTC());

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void aChargeIssuesOneInvoiceWithTheAmount() {
        ChargeRequested charge = charge("59.00");
        billing.charge("m-1-" + charge.reservationId(), charge);

        List<Invoice> invoices = billing.invoicesFor(charge.reservationId());
        assertThat(invoices).hasSize(1);
        Invoice invoice = invoices.get(0);
        assertThat(invoice.reservationId()).isEqualTo(charge.reservationId());
        assertThat(invoice.amount()).isEqualByComparingTo("59.00").hasScaleOf(2);
        assertThat(invoice.currency()).isEqualTo("EUR");
        assertThat(invoice.status()).isEqualTo("ISSUED");
        assertThat(processed("m-1-" + charge.reservationId())).isEqualTo(1);
    }

    @Test
    void theSameMessageDeliveredAgainIsSkipped() {
        ChargeRequested charge = charge("100.00");
        String messageId = UUID.randomUUID().toString();
        billing.charge(messageId, charge);
        billing.charge(messageId, charge);
        billing.charge(messageId, charge);
        assertThat(billing.invoicesFor(charge.reservationId())).hasSize(1);
    }

    @Test
    void anotherMessageForAnInvoicedReservationIsSkipped() {
        ChargeRequested charge = charge("100.00");
        billing.charge(UUID.randomUUID().toString(), charge);
        billing.charge(UUID.randomUUID().toString(), charge(charge.reservationId(), "999.00"));
        assertThat(billing.invoicesFor(charge.reservationId())).singleElement()
                .satisfies(i -> assertThat(i.amount()).isEqualByComparingTo("100.00"));
    }

    @Test
    void concurrentDuplicateDeliveriesCreateExactlyOneInvoice() throws Exception {
        ChargeRequested charge = charge("42.50");
        String messageId = UUID.randomUUID().toString();
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // half redeliver the same message, half arrive as other messages for the same reservation
                String id = i % 2 == 0 ? messageId : UUID.randomUUID().toString();
                results.add(pool.submit(() -> {
                    start.await();
                    billing.charge(id, charge);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(); // none fails
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(billing.invoicesFor(charge.reservationId())).hasSize(1);
    }

    @Test
    void noInvoicesIsAnEmptyList() {
        assertThat(billing.invoicesFor(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void missingOrMalformedReservationIdIs422NamingIt() {
        assertThatThrownBy(() -> billing.invoicesFor(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422)).hasMessageContaining("reservationId is required");
        assertThatThrownBy(() -> billing.invoicesFor("  ")).hasMessageContaining("reservationId is required");
        assertThatThrownBy(() -> billing.invoicesFor("x'; DROP TABLE invoices")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422)).hasMessageContaining("reservationId must be");
    }

    @Test
    void aCommandBeyondTheColumnsLimitsIsAPoisonMessageAndWritesNothing() {
        int before = JDBI.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM billing_processed_messages").mapTo(Integer.class).one());
        String reservation = UUID.randomUUID().toString();
        assertThatThrownBy(() -> billing.charge("m".repeat(65), charge(reservation, "10.00")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("messageId must be 1-64");
        assertThatThrownBy(() -> billing.charge("m-ok", charge("r".repeat(37), "10.00")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("reservationId must be 1-36");
        assertThatThrownBy(() -> billing.charge("m-ok", charge(reservation, "10000000000.00")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("amount must be at most 9999999999.99");
        assertThatThrownBy(() -> billing.charge("m-ok", charge(reservation, "-0.01")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("amount must not be negative");
        assertThatThrownBy(() -> billing.charge("m-ok", new ChargeRequested("c", reservation, "c-1", BigDecimal.TEN, "E\u0000R")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("currency must not contain control characters");
        int after = JDBI.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM billing_processed_messages").mapTo(Integer.class).one());
        assertThat(after).isEqualTo(before);
        assertThat(billing.invoicesFor(reservation)).isEmpty();

        billing.charge("m-free-" + reservation.substring(0, 8), charge(reservation, "0.00")); // a free rental is invoiced
        assertThat(billing.invoicesFor(reservation)).singleElement().satisfies(i -> assertThat(i.amount()).isEqualByComparingTo("0"));
    }

    private static ChargeRequested charge(String amount) {
        return charge(UUID.randomUUID().toString(), amount);
    }

    private static ChargeRequested charge(String reservationId, String amount) {
        return new ChargeRequested(UUID.randomUUID().toString(), reservationId, "c-1", new BigDecimal(amount), "EUR");
    }

    private static int processed(String messageId) {
        return JDBI.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM billing_processed_messages WHERE message_id = :id")
                .bind("id", messageId).mapTo(Integer.class).one());
    }
}
