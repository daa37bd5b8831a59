package dev.fleet.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteCallsSettings;
import dev.fleet.platform.remote.RemoteService;
import io.dropwizard.client.JerseyClientBuilder;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.net.URI;
import java.time.Duration;

/**
 * A Fleet app (the chassis, {@link FleetApp#initialize}) with one remote call, Hystrix command {@link #OPERATION} in
 * thread pool {@link #SERVICE}, made to its own {@code GET /slow?ms=}: its timeout comes from {@code remote.hystrix}
 * (2 s) unless a dynamic source says otherwise. A timed-out call answers 503 (fail fast).
 */
public class DynamicConfigApp extends Application<DynamicConfigApp.Config> {
    public static final String CONFIG = ResourceHelpers.resourceFilePath("dynamic-config-app.yml");
    public static final String NAME = "conf-test";
    public static final String SERVICE = "slowpoke";
    public static final String OPERATION = "slowThing";
    public static final String TIMEOUT = "hystrix.command." + OPERATION + ".execution.isolation.thread.timeoutInMilliseconds";
    public static final String CORE_SIZE = "hystrix.threadpool." + SERVICE + ".coreSize";

    private volatile int port;

    public static class Config extends FleetAppConfiguration {
        @Valid
        @NotNull
        @JsonProperty
        public RemoteCallsSettings remote = new RemoteCallsSettings();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        FleetApp.initialize(bootstrap, "dynamic-config-app-migrations.xml");
    }

    @Override
    public void run(Config configuration, Environment environment) {
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(org.eclipse.jetty.server.Server server) {
                port = getLocalPort(server);
            }
        });
        RemoteService self = new RemoteService(SERVICE, name -> URI.create("http://127.0.0.1:" + port),
                new JerseyClientBuilder(environment).using(configuration.remote.client()).build("remote-" + SERVICE),
                configuration.remote.hystrix());
        environment.jersey().register(new Resource(self));
    }

    @Path("/")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Resource {
        private final RemoteService self;

        Resource(RemoteService self) {
            this.self = self;
        }

        @GET
        @Path("slow")
        public String slow(@QueryParam("ms") int millis) throws InterruptedException {
            Thread.sleep(millis);
            return "slow";
        }

        @GET
        @Path("call")
        public String call(@QueryParam("ms") int millis) {
            return self.call(OPERATION, t -> t.path("slow").queryParam("ms", millis).request().get(),
                    r -> r.readEntity(String.class), Fallback.failFast(Duration.ofSeconds(1)));
        }
    }
}
