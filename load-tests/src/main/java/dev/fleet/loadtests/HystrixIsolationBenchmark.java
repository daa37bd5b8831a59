package dev.fleet.loadtests;

import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import com.netflix.hystrix.Hystrix;
import com.sun.net.httpserver.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What a Hystrix command costs (issue 9, "Hystrix"): a trivial call made directly, in a semaphore-isolated command and
 * in a thread-isolated command (a pool of 10, as in Netflix's published figures); and a real loopback HTTP GET made
 * directly and inside a thread-isolated command — the added end-to-end latency of a remote call with its command.
 * Sample-time mode: every call is timed, so the report has p50/p90/p99. Run by {@link HystrixBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class HystrixIsolationBenchmark {
    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private HttpClient client;
    private HttpRequest request;
    private long counter;

    @Setup
    public void start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle + delayed ACK add 40 ms to every call
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BODY.length);
                out.write(BODY);
            }
        });
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cars/1")).build();
    }

    @TearDown
    public void stop() {
        server.stop(0);
        Hystrix.reset();
    }

    /** The trivial call: a little arithmetic the JIT cannot drop (its result is returned to JMH). */
    static long trivial(long x) {
        return x * 31 + 7;
    }

    @Benchmark
    public long trivialDirect() {
        return trivial(counter++);
    }

    @Benchmark
    public long trivialSemaphoreCommand() {
        return new Call<>(HystrixCommandProperties.ExecutionIsolationStrategy.SEMAPHORE, "trivialSemaphore",
                () -> trivial(counter++)).execute();
    }

    @Benchmark
    public long trivialThreadCommand() {
        return new Call<>(HystrixCommandProperties.ExecutionIsolationStrategy.THREAD, "trivialThread",
                () -> trivial(counter++)).execute();
    }

    @Benchmark
    public int httpDirect() {
        return get();
    }

    @Benchmark
    public int httpThreadCommand() {
        return new Call<>(HystrixCommandProperties.ExecutionIsolationStrategy.THREAD, "httpThread", this::get).execute();
    }

    private int get() {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A command as Fleet's RemoteCall sets it up: one group and pool, a 1 s timeout, the circuit breaker on. */
    static final class Call<T> extends HystrixCommand<T> {
        private final java.util.function.Supplier<T> work;

        Call(HystrixCommandProperties.ExecutionIsolationStrategy isolation, String key, java.util.function.Supplier<T> work) {
            super(Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey("benchmark"))
                    .andCommandKey(HystrixCommandKey.Factory.asKey(key))
                    .andThreadPoolKey(HystrixThreadPoolKey.Factory.asKey("benchmark"))
                    .andThreadPoolPropertiesDefaults(HystrixThreadPoolProperties.Setter().withCoreSize(10))
                    .andCommandPropertiesDefaults(HystrixCommandProperties.Setter()
                            .withExecutionIsolationStrategy(isolation)
                            .withExecutionTimeoutInMilliseconds(1000)
                            .withExecutionIsolationSemaphoreMaxConcurrentRequests(100)));
            this.work = work;
        }

        @Override
        protected T run() {
            return work.get();
        }
    }
}
