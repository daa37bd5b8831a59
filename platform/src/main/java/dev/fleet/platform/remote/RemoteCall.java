package dev.fleet.platform.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import dev.fleet.platform.ops.RequestIds;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One call of one operation on a remote service, as a HystrixCommand (group and thread pool = service, key =
 * operation; built by {@link RemoteService}). Single use, like every HystrixCommand. Status handling:
 * <ul>
 *   <li>2xx → the mapper's value (stored in the stale cache when the fallback is one);</li>
 *   <li>404 on a {@link RemoteService#find find} → {@code Optional.empty()}, a success;</li>
 *   <li>other 4xx → {@link RemoteClientException} (a HystrixBadRequestException: not a failure, no fallback);</li>
 *   <li>5xx, 3xx, timeouts, connection failures, mapper failures → failure: counted, the {@link Fallback} answers.</li>
 * </ul>
 * The request id of the calling thread is captured at construction and sent as {@code X-Request-Id}: {@link #run()}
 * executes on a Hystrix thread, where {@link RequestIds#current()} is empty.
 * <p>
 * Retry: a GET (or HEAD) whose connection fails (refused, reset, closed without a response) is sent once more to
 * another instance the directory knows, inside the same command, so the Hystrix timeout covers both attempts. Never
 * for other methods (they may have had an effect) nor for any HTTP answer (4xx/5xx were answered by the service).
 */
public class RemoteCall<T> extends HystrixCommand<T> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCall.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD");
    /** Retry-After when a value fallback (which names none) could not answer. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final String service;
    private final String operation;
    private final ServiceDirectory directory;
    private final Client client;
    private final Function<WebTarget, Response> request;
    private final Function<Response, T> mapper;
    private final Supplier<T> onNotFound;
    private final Fallback<T> fallback;
    private final String requestId;
    private volatile boolean degraded;
    private volatile boolean retried;

    RemoteCall(Setter setter, String service, String operation, ServiceDirectory directory, Client client,
               Function<WebTarget, Response> request, Function<Response, T> mapper, Supplier<T> onNotFound,
               Fallback<T> fallback) {
        super(setter);
        if (fallback == null) {
            throw new IllegalArgumentException(service + "." + operation + " needs a fallback decision");
        }
        this.service = service;
        this.operation = operation;
        this.directory = directory;
        this.client = client;
        this.request = request;
        this.mapper = mapper;
        this.onNotFound = onNotFound;
        this.fallback = fallback;
        this.requestId = RequestIds.current().orElse(null);
    }

    /**
     * Executes; on the calling thread marks the request {@link Degraded} when a fallback answered, and throws the
     * fail-fast {@link RemoteUnavailableException} itself (not Hystrix's wrapper), so it maps to 503.
     */
    public T call() {
        try {
            T value = execute();
            if (degraded) {
                Degraded.mark(service);
            }
            return value;
        } catch (HystrixRuntimeException e) {
            if (e.getFallbackException() instanceof RemoteUnavailableException unavailable) {
                throw unavailable;
            }
            // The remote failed and its fallback could not answer either (rejected: too many fallbacks at once, or it
            // failed itself): still "the service is unavailable" for our client, a 503, never an unmapped 500.
            throw new RemoteUnavailableException(service, retryAfter(), e);
        }
    }

    private Duration retryAfter() {
        if (fallback instanceof Fallback.FailFast<T> failFast) {
            return failFast.retryAfter();
        }
        if (fallback instanceof Fallback.Stale<?, T> stale) {
            return stale.retryAfterWhenEmpty();
        }
        return DEFAULT_RETRY_AFTER;
    }

    /** Whether the value came from the fallback's value or stale cache (after {@link #call()}). */
    public boolean isDegraded() {
        return degraded;
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    @Override
    protected T run() {
        URI first = directory.uri(service);
        AtomicReference<String> method = new AtomicReference<>();
        try {
            return attempt(first, method);
        } catch (ProcessingException e) {
            if (!IDEMPOTENT.contains(method.get()) || !connectionFailed(e)) {
                throw e;
            }
            URI other = directory.uri(service, first);
            if (other.equals(first)) {
                throw e;    // no other instance to try
            }
            LOG.info("{}.{}: {} failed to connect ({}), retrying once on {}", service, operation, first, e.getMessage(), other);
            retried = true;
            return attempt(other, new AtomicReference<>());
        }
    }

    /** Whether the last {@link #run()} retried on another instance. */
    public boolean retried() {
        return retried;
    }

    private T attempt(URI uri, AtomicReference<String> method) {
        WebTarget base = client.target(uri).register(new MethodRecorder(method));
        if (requestId != null) {
            base = base.register(new RequestIdHeader(requestId));
        }
        try (Response response = request.apply(base)) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                T value = mapper.apply(response);
                if (fallback instanceof Fallback.Stale<?, T> stale) {
                    putStale(stale, value);
                }
                return value;
            }
            if (status == 404 && onNotFound != null) {
                return onNotFound.get();
            }
            if (status >= 400 && status < 500) {
                RemoteError error = remoteError(response);
                throw new RemoteClientException(service, operation, status, error.message(), error.errors());
            }
            throw new RemoteServerException(service, operation, status);
        }
    }

    /**
     * The request never reached a working server: refused, reset, or closed without any response (HttpClient's
     * NoHttpResponseException). Not a read timeout: the service may be working on it.
     */
    static boolean connectionFailed(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause.getClass().getSimpleName().equals("NoHttpResponseException")) {
                return true;
            }
            if (cause instanceof SocketException && !(cause instanceof java.net.SocketTimeoutException)) {
                return true;  // "Connection reset", "Broken pipe"
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    protected T getFallback() {
        if (fallback instanceof Fallback.Value<T> value) {
            T substitute = value.supplier().get();
            degraded = true;
            return substitute;
        }
        if (fallback instanceof Fallback.Stale<?, T> stale) {
            var cached = getStale(stale);
            if (cached.isPresent()) {
                degraded = true;
                return cached.get();
            }
            throw new RemoteUnavailableException(service, stale.retryAfterWhenEmpty(), getExecutionException());
        }
        Fallback.FailFast<T> failFast = (Fallback.FailFast<T>) fallback;
        throw new RemoteUnavailableException(service, failFast.retryAfter(), getExecutionException());
    }

    private static <K, V> void putStale(Fallback.Stale<K, V> stale, V value) {
        stale.cache().put(stale.key(), value);
    }

    private static <K, V> java.util.Optional<V> getStale(Fallback.Stale<K, V> stale) {
        return stale.cache().get(stale.key());
    }

    /**
     * The {@code message} and {@code errors} of the remote's JSON error; the status line and no errors when the body
     * is not one (never the raw body: it may be HTML).
     */
    private static RemoteError remoteError(Response response) {
        String statusLine = response.getStatus() + " " + response.getStatusInfo().getReasonPhrase();
        try {
            JsonNode body = JSON.readTree(response.readEntity(String.class));
            JsonNode message = body.get("message");
            List<String> errors = new ArrayList<>();
            JsonNode list = body.get("errors");
            if (list != null && list.isArray()) {
                list.forEach(error -> {
                    if (error.isTextual()) {
                        errors.add(error.asText());
                    }
                });
            }
            return new RemoteError(message != null && message.isTextual() ? message.asText() : statusLine, errors);
        } catch (RuntimeException | java.io.IOException notJson) {
            return new RemoteError(statusLine, List.of());
        }
    }

    private record RemoteError(String message, List<String> errors) {
    }

    /** Notes the request's HTTP method (the request function is opaque): only idempotent ones are retried. */
    private static final class MethodRecorder implements ClientRequestFilter {
        private final AtomicReference<String> method;

        MethodRecorder(AtomicReference<String> method) {
            this.method = method;
        }

        @Override
        public void filter(ClientRequestContext context) {
            method.set(context.getMethod());
        }
    }

    private static final class RequestIdHeader implements ClientRequestFilter {
        private final String requestId;

        RequestIdHeader(String requestId) {
            this.requestId = requestId;
        }

        @Override
        public void filter(ClientRequestContext context) {
            context.getHeaders().putSingle(RequestIds.HEADER, requestId);
        }
    }
}
