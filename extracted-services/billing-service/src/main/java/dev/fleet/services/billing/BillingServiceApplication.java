package dev.fleet.services.billing;

import dev.fleet.billing.BillingModule;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.messaging.amqp.AmqpCommandConsumer;
import dev.fleet.platform.messaging.amqp.AmqpConnection;
import dev.fleet.platform.messaging.amqp.AmqpSettings;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;

/**
 * billing-service: the billing module alone on its own database. With a broker ({@code FLEET_AMQP_URI}) it consumes
 * charge commands from {@code fleet.billing.charges} (manual acks, delayed retries, dead-letter queue); without one
 * it only serves the invoices API.
 */
public class BillingServiceApplication extends Application<BillingServiceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(BillingServiceApplication.class);

    /**
     * The master changelog: the billing module's changelog only. Named after the service, not migrations.xml, so it
     * does not clash with the monolith's when both are on one classpath (the monolith's billing remote-mode test).
     */
    static final String MIGRATIONS = "billing-service-migrations.xml";

    public static void main(String[] args) throws Exception {
        new BillingServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "billing-service";
    }

    @Override
    public void initialize(Bootstrap<BillingServiceConfiguration> bootstrap) {
        FleetApp.initialize(bootstrap, MIGRATIONS);
    }

    @Override
    public void run(BillingServiceConfiguration configuration, Environment environment) {
        Jdbi jdbi = FleetApp.jdbi(configuration, environment, MIGRATIONS);
        BillingModule billing = new BillingModule(jdbi, Clock.systemUTC());
        billing.register(environment);
        consumeCharges(configuration.getAmqp(), billing, environment);
    }

    private static void consumeCharges(AmqpSettings amqp, BillingModule billing, Environment environment) {
        if (!FleetApp.brokerConfigured(amqp.getUri())) {
            LOG.warn("No AMQP broker configured (FLEET_AMQP_URI): billing-service receives no charge commands from {}"
                    + " and only serves its API", ChargeRequested.DESTINATION);
            return;
        }
        AmqpConnection connection = new AmqpConnection(URI.create(amqp.getUri()), "billing-service").register(environment);
        AmqpCommandConsumer.register(environment, connection, amqp, ChargeRequested.DESTINATION,
                billing.messageHandlers(environment.getObjectMapper()));
    }
}
