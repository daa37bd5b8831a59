package dev.fleet.platform.remote;

import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.errors.JsonBundle;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The remote service of the tests: {@code GET /things?answer=ok|404|409-html|422|422-many|500|sleep}, counting calls. */
public class FakeRemoteApp extends Application<Configuration> {
    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicReference<String> LAST_REQUEST_ID = new AtomicReference<>();

    public record Thing(String name) {
    }

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        bootstrap.addBundle(new JsonBundle());
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new ThingResource());
    }

    static void resetRecorded() {
        CALLS.set(0);
        LAST_REQUEST_ID.set(null);
    }

    @Path("/things")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ThingResource {
        @GET
        public Response thing(@QueryParam("answer") String answer, @HeaderParam("X-Request-Id") String requestId)
                throws InterruptedException {
            int call = CALLS.incrementAndGet();
            LAST_REQUEST_ID.set(requestId);
            switch (answer) {
                case "404" -> throw ApiException.notFound("thing not found");
                case "422" -> throw ApiException.unprocessable("name is required");
                case "409-html" -> {
                    return Response.status(409).type(MediaType.TEXT_HTML_TYPE).entity("<html>conflict</html>").build();
                }
                case "422-many" -> throw ApiException.unprocessable(java.util.List.of("name is required", "size must be positive"));
                case "500" -> {
                    return Response.serverError().entity("{\"code\":500,\"message\":\"boom\"}").build();
                }
                case "sleep" -> Thread.sleep(2000);
                default -> { }
            }
            return Response.ok(new Thing("thing-" + call)).build();
        }
    }
}
