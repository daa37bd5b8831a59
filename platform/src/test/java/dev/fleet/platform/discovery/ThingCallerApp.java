package dev.fleet.platform.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.consul.ConsulSettings;
import dev.fleet.platform.errors.JsonBundle;
import dev.fleet.platform.hystrix.HystrixBundle;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteCall;
import dev.fleet.platform.remote.RemoteCallsBundle;
import dev.fleet.platform.remote.RemoteCallsSettings;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.discovery.ThingApp.Thing;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.client.Entity;

import java.time.Duration;

/** Calls {@code disco-thing} through Consul (RemoteCallsSettings.service with the DiscoveryBundle on). */
public class ThingCallerApp extends Application<ThingCallerApp.Config> {
    public final HystrixBundle hystrix = new HystrixBundle();
    public final DiscoveryBundle<Config> discovery = new DiscoveryBundle<>(c -> c.consul, Duration.ofSeconds(1));
    public volatile RemoteService things;

    public static class Config extends Configuration {
        @Valid
        @NotNull
        @JsonProperty
        public ConsulSettings consul = new ConsulSettings();

        @Valid
        @NotNull
        @JsonProperty
        public RemoteCallsSettings remote = new RemoteCallsSettings();
    }

    @Override
    public String getName() {
        return "disco-caller";
    }

    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        bootstrap.addBundle(new JsonBundle());
        bootstrap.addBundle(hystrix);
        bootstrap.addBundle(discovery);
        bootstrap.addBundle(new RemoteCallsBundle());
    }

    @Override
    public void run(Config configuration, Environment environment) {
        things = configuration.remote.service(environment, ThingApp.NAME);
    }

    public RemoteCall<Thing> get() {
        return things.command("getDiscoThing", t -> t.path("things").request().get(),
                r -> r.readEntity(Thing.class), Fallback.failFast(Duration.ofSeconds(1)));
    }

    /** A GET every instance answers with 500. */
    public RemoteCall<Thing> getFailing() {
        return things.command("getFailingDiscoThing", t -> t.path("things").queryParam("answer", "500").request().get(),
                r -> r.readEntity(Thing.class), Fallback.failFast(Duration.ofSeconds(1)));
    }

    public RemoteCall<Thing> post() {
        return things.command("postDiscoThing", t -> t.path("things").request().post(Entity.json("{}")),
                r -> r.readEntity(Thing.class), Fallback.failFast(Duration.ofSeconds(1)));
    }
}
