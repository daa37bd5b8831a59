package dev.fleet.platform.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.discovery.DiscoveryBundle;
import io.dropwizard.client.JerseyClientBuilder;
import io.dropwizard.client.JerseyClientConfiguration;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code remote} configuration block:
 * <pre>
 * remote:
 *   services:                       # the static service directory
 *     catalog: ${FLEET_CATALOG_URL:-http://127.0.0.1:9010}
 *   consulNames:                    # with consul.url set: the Consul service of a target, when not its own name
 *     catalog: catalog-service
 *   client:                         # dropwizard-client JerseyClientConfiguration (timeout, connectionTimeout, maxConnections…)
 *     timeout: 500ms
 *   hystrix:                        # HystrixSettings for every target service
 *     executionTimeout: 1s
 *   overrides:                      # per target service, only what differs (HystrixOverride)
 *     catalog:
 *       hystrix:
 *         executionTimeout: 2s
 * </pre>
 * An override for a service that {@code services} does not list fails validation (at startup), naming it.
 */
@RemoteCallsSettings.OverridesNameKnownServices
public class RemoteCallsSettings {
    @NotNull
    @JsonProperty
    private Map<String, URI> services = new LinkedHashMap<>();

    /** Target name → the Consul service (Application name) serving it; unlisted targets go by their own name. */
    @NotNull
    @JsonProperty
    private Map<String, @NotNull String> consulNames = new LinkedHashMap<>();

    @Valid
    @NotNull
    @JsonProperty
    private JerseyClientConfiguration client = new JerseyClientConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private HystrixSettings hystrix = new HystrixSettings();

    @Valid
    @NotNull
    @JsonProperty
    private Map<String, @NotNull ServiceOverride> overrides = new LinkedHashMap<>();

    /** The static directory ({@code services}). */
    public ServiceDirectory directory() {
        return new StaticServiceDirectory(services);
    }

    /**
     * The directory of the app running in {@code environment}: Consul's (passing instances, round-robin) when
     * {@code consul.url} is set — with the static table answering for a service until Consul first has — else the
     * static one.
     */
    public ServiceDirectory directory(Environment environment) {
        ServiceDirectory configured = directory();
        return DiscoveryBundle.directory(environment)
                .map(consul -> consul.withFallback(configured, this::consulName))
                .orElse(configured);
    }

    /** The Consul service that serves target {@code service} ({@code remote.consulNames}, else the same name). */
    public String consulName(String service) {
        return consulNames.getOrDefault(service, service);
    }

    /** The defaults of every target service ({@code remote.hystrix}). */
    public HystrixSettings hystrix() {
        return hystrix;
    }

    /** The settings of {@code service}'s commands: {@code remote.hystrix} with its override's fields, if any. */
    public HystrixSettings hystrix(String service) {
        ServiceOverride override = overrides.get(service);
        return override == null ? hystrix : override.hystrix().over(hystrix);
    }

    public JerseyClientConfiguration client() {
        return client;
    }

    /**
     * A {@link RemoteService} for {@code name} with its own HTTP client (connection pool, metrics
     * {@code remote-<name>}, closed with the app) and its Hystrix settings ({@link #hystrix(String)}). With the
     * static directory it fails at startup when the table does not list the service; with Consul it starts watching
     * the service instead (it may register later).
     */
    public RemoteService service(Environment environment, String name) {
        ServiceDirectory directory = directory(environment);
        DiscoveryBundle.directory(environment).ifPresentOrElse(consul -> consul.watch(consulName(name)), () -> directory.uri(name));
        var http = new JerseyClientBuilder(environment).using(client).build("remote-" + name);
        return new RemoteService(name, directory, http, hystrix(name));
    }

    /** Every service named under {@code overrides} is listed under {@code services} (a typo must not pass silently). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = KnownServicesValidator.class)
    public @interface OverridesNameKnownServices {
        String message() default "names services not listed under services: {unknown} (known: {known})";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class KnownServicesValidator implements ConstraintValidator<OverridesNameKnownServices, RemoteCallsSettings> {
        @Override
        public boolean isValid(RemoteCallsSettings settings, ConstraintValidatorContext context) {
            if (settings == null || settings.overrides == null || settings.services == null) {
                return true; // @NotNull reports those
            }
            Set<String> unknown = new TreeSet<>(settings.overrides.keySet());
            unknown.removeAll(settings.services.keySet());
            if (unknown.isEmpty()) {
                return true;
            }
            // message parameters are not interpolated again, so a service name cannot inject expressions
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("unknown", unknown)
                    .addMessageParameter("known", new TreeSet<>(settings.services.keySet()));
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("overrides").addConstraintViolation();
            return false;
        }
    }
}
