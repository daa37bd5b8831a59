package dev.fleet.app.remote;

import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Remote-mode settings the monolith refuses at startup, saying why: billing or notifications remote with their broker
 * setting {@code inprocess} (the service would never receive anything), an unknown mode, a Hystrix override for a
 * service {@code remote.services} does not list. No broker involved: the configuration is rejected before anything runs.
 */
class RemoteModeStartupTest {

    @Test
    void remoteBillingWithInProcessCommandsFailsStartup() {
        assertStartupFails("billing.mode", "remote")
                .hasMessageContaining("billing.mode remote (FLEET_BILLING_MODE) needs a RabbitMQ broker")
                .hasMessageContaining("FLEET_AMQP_URI")
                .hasMessageContaining("billing-service could never receive them")
                .hasMessageNotContaining("notifications.mode");
    }

    @Test
    void remoteNotificationsWithInProcessEventsFailsStartup() {
        assertStartupFails("notifications.mode", "remote")
                .hasMessageContaining("notifications.mode remote (FLEET_NOTIFICATIONS_MODE) needs a Kafka broker")
                .hasMessageContaining("FLEET_KAFKA_BOOTSTRAP")
                .hasMessageContaining("notification-service could never receive them")
                .hasMessageNotContaining("billing.mode");
    }

    @Test
    void anUnknownModeFailsStartupNamingTheSetting() {
        assertStartupFails("billing.mode", "elsewhere")
                .hasMessageContaining("billing.mode").hasMessageContaining("elsewhere")
                .hasMessageContaining("local").hasMessageContaining("remote");
        assertStartupFails("notifications.mode", "Remote")
                .hasMessageContaining("notifications.mode").hasMessageContaining("'Remote'");
    }

    @Test
    void aHystrixOverrideForAnUnknownServiceFailsStartupNamingIt() {
        assertStartupFails("remote.overrides.biling.hystrix.executionTimeout", "2s")
                .hasMessageContaining("remote.overrides names services not listed under services: [biling]")
                .hasMessageContaining("known: [billing, catalog, notifications, pricing]");
    }

    /** Starts the monolith with one setting changed; it must fail (and its overrides are reset either way). */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertStartupFails(String key, String value) {
        DropwizardTestSupport<FleetConfiguration> app = new DropwizardTestSupport<>(FleetApplication.class, "config.yml",
                "startup", ConfigOverride.config("startup", key, value),
                ConfigOverride.config("startup", "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("startup", "server.adminConnectors[0].port", "0"));
        Throwable failure;
        try {
            failure = catchThrowable(app::before);
        } finally {
            app.after();
        }
        return assertThat(failure).as(key + "=" + value + " must fail startup").isNotNull();
    }
}
