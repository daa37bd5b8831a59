package dev.fleet.app.support;

import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixEventType;
import com.netflix.hystrix.metric.HystrixCommandCompletion;
import com.netflix.hystrix.metric.HystrixCommandCompletionStream;
import rx.Subscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The Hystrix events of every execution of one command from now on (Hystrix's own completion stream, written when
 * an execution ends): what happened to each call, instead of guessing it from timings.
 */
public final class CommandEvents implements AutoCloseable {
    private final ConcurrentLinkedQueue<HystrixCommandCompletion> completions = new ConcurrentLinkedQueue<>();
    private final Subscription subscription;

    private CommandEvents(String commandKey) {
        subscription = HystrixCommandCompletionStream.getInstance(HystrixCommandKey.Factory.asKey(commandKey))
                .observe().subscribe(completions::add);
    }

    public static CommandEvents of(String commandKey) {
        return new CommandEvents(commandKey);
    }

    /** The events of the next {@code count} executions (waiting up to 10 s for them), each as its list of event types. */
    public List<List<HystrixEventType>> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (completions.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<List<HystrixEventType>> events = new ArrayList<>();
        for (int i = 0; i < count && !completions.isEmpty(); i++) {
            HystrixCommandCompletion completion = completions.poll();
            List<HystrixEventType> types = new ArrayList<>();
            for (HystrixEventType type : HystrixEventType.values()) {
                if (completion.getEventCounts().contains(type)) {
                    types.add(type);
                }
            }
            events.add(types);
        }
        return events;
    }

    /** Forgets what was recorded so far. */
    public void clear() {
        completions.clear();
    }

    @Override
    public void close() {
        subscription.unsubscribe();
    }
}
