package dev.fleet.platform.config;

import com.codahale.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The values an app's dynamic sources offered and {@link HystrixPropertyRules} refused: logged, counted, kept. */
public final class Rejections {
    /** How many of the latest rejections the admin view lists. */
    static final int KEPT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    /** One refused value: where it came from, what, and why. */
    public record Rejection(String at, String source, String property, String value, String reason) {
    }

    private final Counter counter;
    private final Deque<Rejection> latest = new ArrayDeque<>();

    Rejections(Counter counter) {
        this.counter = counter;
    }

    void reject(String source, String property, String value, String reason) {
        LOG.warn("rejected dynamic property {}={} from {}: {}; the last good value stays", property, value, source,
                reason);
        counter.inc();
        synchronized (latest) {
            latest.addFirst(new Rejection(Instant.now().toString(), source, property, value, reason));
            while (latest.size() > KEPT) {
                latest.removeLast();
            }
        }
    }

    /** The latest rejections, newest first. */
    public List<Rejection> latest() {
        synchronized (latest) {
            return List.copyOf(latest);
        }
    }

    public long count() {
        return counter.getCount();
    }
}
