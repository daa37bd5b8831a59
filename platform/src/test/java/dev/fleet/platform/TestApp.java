package dev.fleet.platform;

import dev.fleet.platform.hystrix.HystrixBundle;
import dev.fleet.platform.ops.OperationsBundle;
import dev.fleet.platform.ops.RequestIds;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.MDC;

/** A tiny application with both chassis bundles and a few resources for the tests. */
public class TestApp extends Application<Configuration> {
    public static final String CONFIG = ResourceHelpers.resourceFilePath("test-app.yml");

    public final HystrixBundle hystrix = new HystrixBundle();
    public final OperationsBundle operations = new OperationsBundle();

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        bootstrap.addBundle(hystrix);
        bootstrap.addBundle(operations);
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new TestResource());
    }

    @Path("/")
    @Produces(MediaType.TEXT_PLAIN)
    public static class TestResource {
        @GET
        @Path("request-id")
        public String requestId() {
            return MDC.get(RequestIds.MDC_KEY) + "|" + RequestIds.current().orElse("none");
        }

        @POST
        @Path("echo")
        @Consumes(MediaType.WILDCARD)
        public String echo(byte[] body) {
            return "received " + body.length;
        }

        @GET
        @Path("api/{any: .*}")
        public String api() {
            return "ok";
        }
    }
}
