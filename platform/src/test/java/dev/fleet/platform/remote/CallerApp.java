package dev.fleet.platform.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.errors.JsonBundle;
import dev.fleet.platform.hystrix.HystrixBundle;
import dev.fleet.platform.ops.OperationsBundle;
import dev.fleet.platform.remote.FakeRemoteApp.Thing;
import io.dropwizard.client.JerseyClientBuilder;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An app calling {@link FakeRemoteApp} through the remote-call chassis. */
public class CallerApp extends Application<CallerApp.Config> {
    public final HystrixBundle hystrix = new HystrixBundle();
    public final StaleCache<String, Thing> cache = new StaleCache<>();
    /** Settings of {@code remote-caller.yml}. */
    public RemoteService fake;
    /** The same remote with a circuit that opens after 4 calls and probes after 300 ms. */
    public RemoteService flaky;

    public static class Config extends Configuration {
        @Valid
        @NotNull
        @JsonProperty
        public RemoteCallsSettings remote = new RemoteCallsSettings();
    }

    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        bootstrap.addBundle(new JsonBundle());
        bootstrap.addBundle(hystrix);
        bootstrap.addBundle(new OperationsBundle());
        bootstrap.addBundle(new RemoteCallsBundle());
    }

    @Override
    public void run(Config configuration, Environment environment) {
        fake = configuration.remote.service(environment, "fake");
        var fakeUri = configuration.remote.directory().uri("fake");
        flaky = new RemoteService("flaky", name -> fakeUri,
                new JerseyClientBuilder(environment).using(configuration.remote.client()).build("remote-flaky"),
                new HystrixSettings()
                        .withExecutionTimeout(Duration.milliseconds(300))
                        .withRequestVolumeThreshold(4)
                        .withErrorThresholdPercentage(50)
                        .withSleepWindow(Duration.milliseconds(300))
                        .withRollingWindow(Duration.seconds(1))
                        .withHealthSnapshotInterval(Duration.milliseconds(10)));
        environment.jersey().register(new CallerResource(this));
    }

    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static class CallerResource {
        private final RemoteService fake;
        private final StaleCache<String, Thing> cache;

        CallerResource(CallerApp app) {
            this.fake = app.fake;
            this.cache = app.cache;
        }

        @GET
        @Path("fail-fast/{answer}")
        public Thing failFast(@PathParam("answer") String answer) {
            return fake.call("getThing", t -> t.path("things").queryParam("answer", answer).request().get(),
                    r -> r.readEntity(Thing.class), Fallback.failFast(java.time.Duration.ofSeconds(5)));
        }

        @GET
        @Path("stale/{answer}")
        public Thing stale(@PathParam("answer") String answer) {
            return fake.call("getCachedThing", t -> t.path("things").queryParam("answer", answer).request().get(),
                    r -> r.readEntity(Thing.class), Fallback.staleCache(cache, "thing", java.time.Duration.ofMillis(1500)));
        }
    }
}
