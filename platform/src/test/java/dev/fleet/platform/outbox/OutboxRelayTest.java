package dev.fleet.platform.outbox;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.fleet.platform.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxRelayTest {

    static final TestDatabase DB = TestDatabase.migrated("db/outbox-test/changelog.xml");
    static final Jdbi JDBI = DB.jdbi();
    static final Outbox OUTBOX = new Outbox("test_outbox");
    static final OutboxRelay.Settings SETTINGS = new OutboxRelay.Settings(Duration.ofMillis(20), 50,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 2);

    final TestClock clock = new TestClock(Instant.parse("2030-01-01T10:00:00Z"));
    final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @BeforeEach
    void emptyTheOutbox() {
        JDBI.useHandle(h -> h.execute("DELETE FROM test_outbox"));
    }

    @Test
    void deliversEveryRowOnceInOrderOfAppending() {
        append("A", "a1", "B", "b1", "A", "a2", "C", "c1");
        OutboxRelay relay = relay(Map.of("dest", m -> delivered.add(m.payload())));

        assertThat(relay.relayPending()).isEqualTo(4);
        assertThat(delivered).containsExactly("a1", "b1", "a2", "c1");
        assertThat(relay.relayPending()).isZero();
        assertThat(delivered).hasSize(4);
        assertThat(relay.pending()).isZero();
        assertThat(column("sent_at", "a1")).isNotNull();
    }

    @Test
    void theCausingRequestIdTravelsWithTheMessage() {
        JDBI.useTransaction(h -> OUTBOX.append(h, new OutboxMessage(java.util.UUID.randomUUID(), "A", "Test", "dest", "traced",
                clock.instant(), 0, "req-42")));
        List<String> requestIds = new CopyOnWriteArrayList<>();
        relay(Map.of("dest", m -> requestIds.add(m.requestId()))).relayPending();
        assertThat(requestIds).containsExactly("req-42");
    }

    @Test
    void aFailingHandlerLeavesTheRowPendingAndItIsRetriedWithBackoffUntilDelivered() {
        append("A", "a1");
        AtomicInteger calls = new AtomicInteger();
        OutboxRelay relay = relay(Map.of("dest", m -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("billing is down");
            }
            delivered.add(m.payload());
        }));

        assertThat(relay.relayPending()).isZero();
        assertThat(relay.pending()).isEqualTo(1);
        assertThat(column("attempts", "a1")).isEqualTo(1);
        assertThat((String) column("last_error", "a1")).contains("billing is down");
        assertThat(column("sent_at", "a1")).isNull();

        relay.relayPending(); // not due yet: backing off for 1 s
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        relay.relayPending(); // second failure: backs off 2 s now
        assertThat(calls).hasValue(2);
        assertThat(column("attempts", "a1")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        relay.relayPending();
        assertThat(calls).hasValue(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(delivered).containsExactly("a1");
        assertThat(relay.pending()).isZero();
        assertThat(relay.relayPending()).isZero();
        assertThat(calls).hasValue(3);
    }

    @Test
    void laterRowsOfAnAggregateWaitWhileAnEarlierOneIsFailingButOtherAggregatesFlow() {
        append("A", "a1", "A", "a2", "B", "b1", "A", "a3");
        AtomicInteger a1Failures = new AtomicInteger(2);
        OutboxRelay relay = relay(Map.of("dest", m -> {
            if (m.payload().equals("a1") && a1Failures.getAndDecrement() > 0) {
                throw new IllegalStateException("not yet");
            }
            delivered.add(m.payload());
        }));

        relay.relayPending();
        assertThat(delivered).containsExactly("b1");
        relay.relayPending(); // a1 backing off: a2 and a3 must still wait
        assertThat(delivered).containsExactly("b1");
        clock.advance(Duration.ofSeconds(1));
        relay.relayPending(); // a1 fails again
        assertThat(delivered).containsExactly("b1");

        clock.advance(Duration.ofSeconds(2));
        relay.relayPending();
        assertThat(delivered).containsExactly("b1", "a1", "a2", "a3");
        assertThat(relay.pending()).isZero();
    }

    @Test
    void aDestinationWithoutHandlerStaysPendingWithTheReason() {
        append("A", "a1");
        OutboxRelay relay = relay(Map.of("elsewhere", m -> delivered.add(m.payload())));

        assertThat(relay.relayPending()).isZero();
        assertThat((String) column("last_error", "a1")).contains("no handler for destination dest");
        assertThat(relay.pending()).isEqualTo(1);
    }

    @Test
    void backlogGaugeAndHealthCheckFollowThePendingCount() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        OutboxRelay relay = new OutboxRelay(JDBI, OUTBOX, Map.of("dest", m -> delivered.add(m.payload())), SETTINGS, metrics, clock);
        Gauge<?> gauge = metrics.getGauges().get("outbox.test_outbox.pending");

        assertThat(gauge.getValue()).isEqualTo(0L);
        assertThat(relay.healthCheck().execute().isHealthy()).isTrue();

        append("A", "a1", "B", "b1", "C", "c1");
        assertThat(gauge.getValue()).isEqualTo(3L);
        var unhealthy = relay.healthCheck().execute();
        assertThat(unhealthy.isHealthy()).isFalse();
        assertThat(unhealthy.getMessage()).contains("3 messages pending", "threshold 2");

        relay.relayPending();
        assertThat(gauge.getValue()).isEqualTo(0L);
        assertThat(relay.healthCheck().execute().isHealthy()).isTrue();
        assertThat(metrics.meter("outbox.test_outbox.delivered").getCount()).isEqualTo(3);
    }

    @Test
    void backoffDoublesAndIsCapped() {
        OutboxRelay relay = relay(Map.of());
        assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(relay.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(relay.backoff(500)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theScheduledRelayDeliversByItselfAndStopsPromptly() throws Exception {
        OutboxRelay relay = new OutboxRelay(JDBI, OUTBOX, Map.of("dest", m -> delivered.add(m.payload())), SETTINGS,
                new MetricRegistry(), Clock.systemUTC());
        relay.start();
        try {
            JDBI.useTransaction(h -> OUTBOX.append(h, OutboxMessage.of("A", "Test", "dest", "live", Instant.now())));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (delivered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(delivered).containsExactly("live");
        } finally {
            long started = System.nanoTime();
            relay.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void rowsAppendedInARolledBackTransactionAreNeverDelivered() {
        assertThatThrownBy(() -> JDBI.useTransaction(h -> {
            OUTBOX.append(h, OutboxMessage.of("A", "Test", "dest", "ghost", clock.instant()));
            throw new IllegalStateException("business rule failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(relay(Map.of("dest", m -> delivered.add(m.payload()))).relayPending()).isZero();
        assertThat(delivered).isEmpty();
    }

    @Test
    void tableNamesOtherThanPlainIdentifiersAreRejected() {
        assertThatThrownBy(() -> new Outbox("x; DROP TABLE cars")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outbox("Outbox")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outbox(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private OutboxRelay relay(Map<String, OutboxHandler> handlers) {
        return new OutboxRelay(JDBI, OUTBOX, handlers, SETTINGS, new MetricRegistry(), clock);
    }

    /** Appends (aggregate, payload) pairs, in that order, in one transaction, all to destination "dest". */
    private void append(String... aggregateAndPayload) {
        JDBI.useTransaction(h -> {
            for (int i = 0; i < aggregateAndPayload.length; i += 2) {
                OUTBOX.append(h, OutboxMessage.of(aggregateAndPayload[i], "Test", "dest", aggregateAndPayload[i + 1], clock.instant()));
            }
        });
    }

    private static Object column(String column, String payload) {
        return JDBI.withHandle(h -> h.createQuery("SELECT " + column + " FROM test_outbox WHERE payload = :p")
                .bind("p", payload).mapToMap().one().get(column));
    }

    /** A clock the test moves forward by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
