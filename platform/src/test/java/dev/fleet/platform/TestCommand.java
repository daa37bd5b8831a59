package dev.fleet.platform;

import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolMetrics;
import com.netflix.hystrix.HystrixEventType;

/** Group {@code TestGroup}, key {@code TestCommand}, thread pool {@code TestGroup}. */
public class TestCommand extends HystrixCommand<String> {
    public static final String GROUP = "TestGroup";
    public static final String KEY = "TestCommand";

    private final boolean fail;

    public TestCommand(boolean fail) {
        super(Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey(GROUP))
                .andCommandKey(HystrixCommandKey.Factory.asKey(KEY)));
        this.fail = fail;
    }

    /**
     * Hystrix starts a rolling-count stream on its first read and drops the events before it (the source is hot).
     * Real traffic never notices; a test counting exact numbers must start them before running the commands.
     */
    public static void startRollingCounters() {
        TestCommand command = new TestCommand(false); // creates the metrics and the thread pool, runs nothing
        command.getMetrics().getRollingCount(HystrixEventType.SUCCESS);
        HystrixThreadPoolMetrics.getInstance(HystrixThreadPoolKey.Factory.asKey(GROUP)).getRollingCountThreadsExecuted();
    }

    @Override
    protected String run() {
        if (fail) {
            throw new IllegalStateException("failing on purpose");
        }
        return "ok";
    }

    @Override
    protected String getFallback() {
        return "fallback";
    }
}
