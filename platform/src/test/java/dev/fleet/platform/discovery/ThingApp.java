package dev.fleet.platform.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.consul.ConsulSettings;
import dev.fleet.platform.errors.JsonBundle;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service instance for the discovery tests (no Hystrix: the caller owns the JVM's Hystrix): registers as
 * {@code disco-thing} through the DiscoveryBundle, answers {@code GET/POST /things} with its own port, counting.
 */
public class ThingApp extends Application<ThingApp.Config> {
    public static final String NAME = "disco-thing";
    public final AtomicInteger calls = new AtomicInteger();
    public final DiscoveryBundle<Config> discovery = new DiscoveryBundle<>(c -> c.consul, Duration.ofSeconds(1));
    private volatile int port;

    public static class Config extends Configuration {
        @Valid
        @NotNull
        @JsonProperty
        public ConsulSettings consul = new ConsulSettings();

        /** Unused: the config file is shared with the caller. */
        @JsonProperty
        public dev.fleet.platform.remote.RemoteCallsSettings remote = new dev.fleet.platform.remote.RemoteCallsSettings();
    }

    public record Thing(String name, int port) {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        bootstrap.addBundle(new JsonBundle());
        bootstrap.addBundle(discovery);
    }

    @Override
    public void run(Config configuration, Environment environment) {
        environment.lifecycle().addServerLifecycleListener(server -> port = getLocalPort(server));
        environment.jersey().register(new ThingResource());
    }

    private static int getLocalPort(org.eclipse.jetty.server.Server server) {
        return ((org.eclipse.jetty.server.NetworkConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Path("/things")
    @Produces(MediaType.APPLICATION_JSON)
    public class ThingResource {
        @GET
        public jakarta.ws.rs.core.Response get(@jakarta.ws.rs.QueryParam("answer") String answer) {
            calls.incrementAndGet();
            if ("500".equals(answer)) {
                return jakarta.ws.rs.core.Response.serverError().entity("{\"code\":500,\"message\":\"boom\"}").build();
            }
            return jakarta.ws.rs.core.Response.ok(new Thing("thing", port)).build();
        }

        @POST
        public Thing post() {
            calls.incrementAndGet();
            return new Thing("posted", port);
        }
    }
}
