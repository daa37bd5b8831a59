package dev.fleet.platform.remote;

import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.netflix.hystrix.HystrixThreadPoolKey;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.function.Function;

/**
 * One target service: its name, where the directory says it is, one HTTP client (one connection pool) and the
 * Hystrix settings of its commands. Hystrix keys: group = thread pool = service name (one pool per target
 * service, so a slow service cannot starve calls to the others); command key = operation name alone
 * ({@code findCar}), so operation names must be unique across services (checked).
 */
public class RemoteService {
    private final String name;
    private final ServiceDirectory directory;
    private final Client client;
    private final HystrixSettings settings;
    private final HystrixCommandGroupKey group;
    private final HystrixThreadPoolKey threadPool;

    public RemoteService(String name, ServiceDirectory directory, Client client, HystrixSettings settings) {
        this.name = name;
        this.directory = directory;
        this.client = client;
        this.settings = settings;
        this.group = HystrixCommandGroupKey.Factory.asKey(name);
        this.threadPool = HystrixThreadPoolKey.Factory.asKey(name);
    }

    public String name() {
        return name;
    }

    /**
     * A command for one call: {@code request} sends it (e.g. {@code t -> t.path("/api/cars").request().get()}),
     * {@code mapper} reads a 2xx answer, {@code fallback} says what a failure answers.
     */
    public <T> RemoteCall<T> command(String operation, Function<WebTarget, Response> request,
                                     Function<Response, T> mapper, Fallback<T> fallback) {
        return new RemoteCall<>(setter(operation), name, operation, directory, client, request, mapper, null, fallback);
    }

    /** {@link #command} executed: the value, a fallback's value, or a {@link RemoteUnavailableException}. */
    public <T> T call(String operation, Function<WebTarget, Response> request,
                      Function<Response, T> mapper, Fallback<T> fallback) {
        return command(operation, request, mapper, fallback).call();
    }

    /** A lookup: 2xx → the body as {@code type}, 404 → {@code Optional.empty()} (a success, not an error). */
    public <T> RemoteCall<Optional<T>> findCommand(String operation, Function<WebTarget, Response> request,
                                                   Class<T> type, Fallback<Optional<T>> fallback) {
        return new RemoteCall<>(setter(operation), name, operation, directory, client, request,
                response -> Optional.of(response.readEntity(type)), Optional::empty, fallback);
    }

    /** {@link #findCommand} executed. */
    public <T> Optional<T> find(String operation, Function<WebTarget, Response> request,
                                Class<T> type, Fallback<Optional<T>> fallback) {
        return findCommand(operation, request, type, fallback).call();
    }

    private HystrixCommand.Setter setter(String operation) {
        HystrixCommandKey key = HystrixCommandKey.Factory.asKey(operation);
        HystrixCommandMetrics existing = HystrixCommandMetrics.getInstance(key);
        if (existing != null && !existing.getCommandGroup().name().equals(name)) {
            throw new IllegalStateException("operation '" + operation + "' is already a command of service '"
                    + existing.getCommandGroup().name() + "'; command keys are global, name it differently");
        }
        return HystrixCommand.Setter.withGroupKey(group)
                .andCommandKey(key)
                .andThreadPoolKey(threadPool)
                .andCommandPropertiesDefaults(settings.commandProperties())
                .andThreadPoolPropertiesDefaults(settings.threadPoolProperties());
    }
}
