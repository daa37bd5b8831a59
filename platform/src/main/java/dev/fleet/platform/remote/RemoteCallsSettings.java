package dev.fleet.platform.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.client.JerseyClientBuilder;
import io.dropwizard.client.JerseyClientConfiguration;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code remote} configuration block:
 * <pre>
 * remote:
 *   services:                       # the static service directory
 *     catalog: ${FLEET_CATALOG_URL:-http://127.0.0.1:9010}
 *   client:                         # dropwizard-client JerseyClientConfiguration (timeout, connectionTimeout, maxConnections…)
 *     timeout: 500ms
 *   hystrix:                        # HystrixSettings for every target service
 *     executionTimeout: 1s
 * </pre>
 */
public class RemoteCallsSettings {
    @NotNull
    @JsonProperty
    private Map<String, URI> services = new LinkedHashMap<>();

    @Valid
    @NotNull
    @JsonProperty
    private JerseyClientConfiguration client = new JerseyClientConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private HystrixSettings hystrix = new HystrixSettings();

    public ServiceDirectory directory() {
        return new StaticServiceDirectory(services);
    }

    public HystrixSettings hystrix() {
        return hystrix;
    }

    public JerseyClientConfiguration client() {
        return client;
    }

    /**
     * A {@link RemoteService} for {@code name} with its own HTTP client (connection pool, metrics
     * {@code remote-<name>}, closed with the app). Fails at startup when the directory does not know the service.
     */
    public RemoteService service(Environment environment, String name) {
        ServiceDirectory directory = directory();
        directory.uri(name);
        var http = new JerseyClientBuilder(environment).using(client).build("remote-" + name);
        return new RemoteService(name, directory, http, hystrix);
    }
}
