package dev.fleet.platform.errors;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleet.platform.remote.RemoteClientExceptionMapper;
import dev.fleet.platform.remote.RemoteUnavailableMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import io.dropwizard.jersey.errors.IllegalStateExceptionMapper;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import io.dropwizard.jersey.optional.EmptyOptionalExceptionMapper;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Fleet's JSON conventions. Dates are ISO strings ({@code "2026-12-01"}), not Jackson's default arrays.
 * Every error is JSON {@code {"code","message"[,"errors"]}}, Jetty's own refusals included ({@link JsonErrorHandler}). Replaces Dropwizard's default mappers (whose
 * JSON and validation messages do not name the problem) with Fleet's, keeping Dropwizard's catch-all that
 * logs unexpected failures with an id and never shows a stack trace.
 */
public class JsonBundle implements ConfiguredBundle<Configuration> {

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        // Jetty's own refusals (bad URIs, unknown admin paths) in the same JSON shape, on both ports
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.getAdminContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) { // requests the server refuses before any context sees them
                    // Dropwizard adds its own as a plain bean, which Server.setErrorHandler would not replace
                    server.getBeans(ErrorHandler.class).forEach(server::removeBean);
                    server.setErrorHandler(new JsonErrorHandler());
                }
            }
        });
        var jersey = environment.jersey();
        jersey.register(new LoggingExceptionMapper<Throwable>() { });
        jersey.register(new ApiExceptionMapper());
        jersey.register(new JsonBodyErrorMapper());
        jersey.register(new ViolationErrorMapper());
        jersey.register(new RemoteUnavailableMapper());
        jersey.register(new RemoteClientExceptionMapper());
        jersey.register(new EarlyEofExceptionMapper());
        jersey.register(new EmptyOptionalExceptionMapper());
        jersey.register(new IllegalStateExceptionMapper());
    }
}
