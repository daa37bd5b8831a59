package dev.fleet.platform.hystrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.metric.consumer.HystrixDashboardStream;
import com.netflix.hystrix.serial.SerialHystrixDashboardData;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rx.Subscription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jakarta port of Hystrix' {@code HystrixMetricsStreamServlet} (the original only exists for javax.servlet).
 * Speaks the wire format the Hystrix dashboard and Turbine read: one {@code data: {json}} event per command
 * and thread pool every 500 ms, {@code ping: } when there is nothing to report.
 *
 * <p>Each stream holds one request thread (blocking loop), so the number of streams is capped.
 */
public class HystrixStreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HystrixStreamServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PING = "ping: \n\n".getBytes(StandardCharsets.UTF_8);
    /** How often the request thread looks at the shutdown flag while waiting for data. */
    private static final long POLL_MILLIS = 100;

    private final int maxConcurrentStreams;
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile boolean shutdown;

    public HystrixStreamServlet(int maxConcurrentStreams) {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be >= 1");
        }
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    /** Ends every open stream within ~{@value #POLL_MILLIS} ms and refuses new ones. */
    public void shutdown() {
        shutdown = true;
    }

    public int openStreams() {
        return openStreams.get();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (shutdown) {
            reject(response, "server is shutting down");
            return;
        }
        if (openStreams.incrementAndGet() > maxConcurrentStreams) {
            openStreams.decrementAndGet();
            reject(response, "too many concurrent hystrix streams (max " + maxConcurrentStreams + ")");
            return;
        }
        Subscription subscription = null;
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream;charset=UTF-8");
            response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            response.setHeader("Pragma", "no-cache");
            response.flushBuffer(); // send the headers now: clients wait for them before reading

            // Small bounded queue: a slow client drops emissions instead of growing memory.
            BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(8);
            AtomicBoolean sourceEnded = new AtomicBoolean();
            subscription = HystrixDashboardStream.getInstance().observe()
                    .map(SerialHystrixDashboardData::toMultipleJsonStrings)
                    .subscribe(queue::offer,
                            error -> {
                                LOG.warn("hystrix dashboard stream failed", error);
                                sourceEnded.set(true);
                            },
                            () -> sourceEnded.set(true));

            ServletOutputStream out = response.getOutputStream();
            while (!shutdown && !sourceEnded.get()) {
                List<String> jsons = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (jsons == null) {
                    continue;
                }
                if (jsons.isEmpty()) {
                    out.write(PING);
                } else {
                    for (String json : jsons) {
                        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                out.flush(); // throws once the client is gone: that is how we notice a disconnect
            }
        } catch (IOException e) {
            LOG.debug("hystrix stream client disconnected: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (subscription != null) {
                subscription.unsubscribe();
            }
            openStreams.decrementAndGet();
        }
    }

    private static void reject(HttpServletResponse response, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        body.put("message", message);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
