package dev.fleet.turbine;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an app's admin {@code /hystrix.stream}: every 100 ms one {@code data:} event per command (the
 * field set and types of Hystrix 1.5.18's dashboard stream) and one for its thread pool. {@link #hang()} keeps the
 * connection open but silent (a frozen instance); {@link #close()} drops it (a killed one).
 */
public final class FakeHystrixStream implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Integer> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean open;
    private volatile boolean hanging;
    private volatile boolean circuitOpen;

    public FakeHystrixStream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/hystrix.stream", exchange -> {
            streams.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream;charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (open) {
                    if (!hanging) {
                        StringBuilder events = new StringBuilder();
                        requestCounts.forEach((command, count) -> events.append("data: ").append(commandJson(command, count)).append("\n\n"));
                        events.append("data: ").append(threadPool()).append("\n\n");
                        out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // reader gone or stopping
            } finally {
                streams.decrementAndGet();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        open = true;
        server.start();
    }

    public FakeHystrixStream command(String name, int requestCount) {
        requestCounts.put(name, requestCount);
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hystrix.stream");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int openStreams() {
        return streams.get();
    }

    public void hang() {
        hanging = true;
    }

    public void resume() {
        hanging = false;
    }

    public void openCircuit() {
        circuitOpen = true;
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
    }

    private String commandJson(String name, int requestCount) {
        int errors = requestCount / 10;
        return ("{\"type\":\"HystrixCommand\",\"name\":\"%s\",\"group\":\"catalog\",\"currentTime\":%d,"
                + "\"isCircuitBreakerOpen\":%s,\"errorPercentage\":10,\"errorCount\":%d,\"requestCount\":%d,"
                + "\"rollingCountBadRequests\":0,\"rollingCountCollapsedRequests\":0,\"rollingCountEmit\":0,"
                + "\"rollingCountExceptionsThrown\":0,\"rollingCountFailure\":%d,\"rollingCountFallbackEmit\":0,"
                + "\"rollingCountFallbackFailure\":0,\"rollingCountFallbackMissing\":0,\"rollingCountFallbackRejection\":0,"
                + "\"rollingCountFallbackSuccess\":%d,\"rollingCountResponsesFromCache\":0,\"rollingCountSemaphoreRejected\":0,"
                + "\"rollingCountShortCircuited\":0,\"rollingCountSuccess\":%d,\"rollingCountThreadPoolRejected\":0,"
                + "\"rollingCountTimeout\":0,\"currentConcurrentExecutionCount\":0,\"rollingMaxConcurrentExecutionCount\":1,"
                + "\"latencyExecute_mean\":4,\"latencyExecute\":{\"0\":1,\"25\":2,\"50\":4,\"75\":5,\"90\":7,\"95\":8,\"99\":9,\"99.5\":9,\"100\":12},"
                + "\"latencyTotal_mean\":5,\"latencyTotal\":{\"0\":1,\"25\":2,\"50\":4,\"75\":6,\"90\":8,\"95\":9,\"99\":10,\"99.5\":10,\"100\":13},"
                + "\"propertyValue_circuitBreakerRequestVolumeThreshold\":20,\"propertyValue_circuitBreakerSleepWindowInMilliseconds\":5000,"
                + "\"propertyValue_circuitBreakerErrorThresholdPercentage\":50,\"propertyValue_circuitBreakerForceOpen\":false,"
                + "\"propertyValue_circuitBreakerForceClosed\":false,\"propertyValue_circuitBreakerEnabled\":true,"
                + "\"propertyValue_executionIsolationStrategy\":\"THREAD\",\"propertyValue_executionIsolationThreadTimeoutInMilliseconds\":1000,"
                + "\"propertyValue_executionTimeoutInMilliseconds\":1000,\"propertyValue_executionIsolationThreadInterruptOnTimeout\":true,"
                + "\"propertyValue_executionIsolationThreadPoolKeyOverride\":null,\"propertyValue_executionIsolationSemaphoreMaxConcurrentRequests\":10,"
                + "\"propertyValue_fallbackIsolationSemaphoreMaxConcurrentRequests\":10,\"propertyValue_metricsRollingStatisticalWindowInMilliseconds\":10000,"
                + "\"propertyValue_requestCacheEnabled\":true,\"propertyValue_requestLogEnabled\":true,\"reportingHosts\":1,\"threadPool\":\"catalog\"}")
                .formatted(name, System.currentTimeMillis(), circuitOpen, errors, requestCount, errors, errors,
                        requestCount - errors);
    }

    private String threadPool() {
        return ("{\"type\":\"HystrixThreadPool\",\"name\":\"catalog\",\"currentTime\":%d,\"currentActiveCount\":0,"
                + "\"currentCompletedTaskCount\":100,\"currentCorePoolSize\":10,\"currentLargestPoolSize\":3,"
                + "\"currentMaximumPoolSize\":10,\"currentPoolSize\":3,\"currentQueueSize\":0,\"currentTaskCount\":100,"
                + "\"rollingCountThreadsExecuted\":7,\"rollingMaxActiveThreads\":1,\"rollingCountCommandRejections\":0,"
                + "\"propertyValue_queueSizeRejectionThreshold\":5,\"propertyValue_metricsRollingStatisticalWindowInMilliseconds\":10000,"
                + "\"reportingHosts\":1}").formatted(System.currentTimeMillis());
    }
}
