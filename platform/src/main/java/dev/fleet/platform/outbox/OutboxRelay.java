package dev.fleet.platform.outbox;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers an {@link Outbox}'s pending messages to the {@link OutboxHandler} registered for their destination,
 * from one scheduled thread. A message is marked sent only after its handler returned; a failing handler leaves
 * it pending with {@code attempts + 1}, {@code last_error} and an exponential, capped backoff. Messages of one
 * aggregate are delivered in the order they were appended: a later one waits while an earlier one is pending.
 * Delivery is at least once, so handlers must be idempotent.
 *
 * <p>One relay per outbox table: several relays on the same table would deliver rows twice as often (still
 * correct with idempotent handlers, but wasteful) and could break the per-aggregate order.
 */
public class OutboxRelay implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** Tuning; {@link #defaults()} suits the monolith. */
    public record Settings(Duration pollInterval, int batchSize, Duration initialBackoff, Duration maxBackoff,
                           long backlogThreshold) {

        public Settings {
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1");
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(200), 100, Duration.ofSeconds(1), Duration.ofMinutes(5), 1000);
        }
    }

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Map<String, OutboxHandler> handlers;
    private final Settings settings;
    private final Clock clock;
    private final Meter delivered;
    private final Meter failed;
    private final String name;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;

    /**
     * @param handlers one handler per destination; a message for a destination without handler stays pending
     *                 (and is retried with backoff) so that nothing is lost by a wiring mistake
     */
    public OutboxRelay(Jdbi jdbi, Outbox outbox, Map<String, OutboxHandler> handlers, Settings settings,
                       MetricRegistry metrics, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.outbox = Objects.requireNonNull(outbox);
        this.handlers = Map.copyOf(handlers);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.name = "outbox." + outbox.table();
        this.delivered = metrics.meter(name + ".delivered");
        this.failed = metrics.meter(name + ".failed");
        metrics.gauge(name + ".pending", () -> (Gauge<Long>) this::pending);
    }

    /** Undelivered messages right now. */
    public long pending() {
        return jdbi.withHandle(outbox::pendingCount);
    }

    /** Unhealthy while the backlog exceeds the configured threshold (the relay or a handler is stuck). */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                long pending = pending();
                return pending > settings.backlogThreshold()
                        ? Result.unhealthy("%d messages pending in %s (threshold %d)", pending, outbox.table(), settings.backlogThreshold())
                        : Result.healthy("%d messages pending in %s", pending, outbox.table());
            }
        };
    }

    public String healthCheckName() {
        return name;
    }

    /**
     * One synchronous pass over the due messages (at most one batch). Returns how many were delivered.
     * The scheduled thread calls it; tests may call it directly.
     */
    public synchronized int relayPending() {
        Instant now = clock.instant();
        List<OutboxMessage> due = jdbi.withHandle(h -> outbox.due(h, now, settings.batchSize()));
        Set<String> blocked = new HashSet<>();
        int count = 0;
        for (OutboxMessage message : due) {
            if (Thread.currentThread().isInterrupted()) {
                break; // stopping: the rest stays pending
            }
            if (blocked.contains(message.aggregateId())) {
                continue; // an earlier message of this aggregate failed in this pass
            }
            if (deliver(message)) {
                count++;
            } else {
                blocked.add(message.aggregateId());
            }
        }
        return count;
    }

    private boolean deliver(OutboxMessage message) {
        OutboxHandler handler = handlers.get(message.destination());
        try {
            if (handler == null) {
                throw new IllegalStateException("no handler for destination " + message.destination());
            }
            handler.handle(message);
        } catch (Exception | LinkageError e) {
            Instant next = clock.instant().plus(backoff(message.attempts() + 1));
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("{} {} ({}) to {} failed (attempt {}), retry at {}: {}", message.type(), message.id(),
                    message.aggregateId(), message.destination(), message.attempts() + 1, next, error);
            jdbi.useHandle(h -> outbox.markFailed(h, message, error, next));
            failed.mark();
            return false;
        }
        jdbi.useHandle(h -> outbox.markSent(h, message, clock.instant()));
        delivered.mark();
        return true;
    }

    /** initialBackoff × 2^(attempts−1), capped at maxBackoff. */
    Duration backoff(int attempts) {
        Duration max = settings.maxBackoff();
        Duration delay = settings.initialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (scheduler == null) {
                scheduler = schedule();
            }
        }
    }

    private ScheduledExecutorService schedule() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name + "-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::safePass, interval, interval, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    private void safePass() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            // e.g. the database is briefly unreachable: keep polling, the messages are safe in the table
            LOG.warn("{} relay pass failed: {}", name, e.toString());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdownNow();
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} relay did not stop within 5 s", name);
            }
        }
    }
}
