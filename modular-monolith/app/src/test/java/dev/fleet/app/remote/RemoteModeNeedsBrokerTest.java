package dev.fleet.app.remote;

import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Billing or notifications in remote mode with their broker setting {@code inprocess} would never reach the service:
 * the monolith refuses to start and says why. No broker involved: the configuration is rejected before anything runs.
 */
class RemoteModeNeedsBrokerTest {

    @Test
    void remoteBillingWithInProcessCommandsFailsStartup() {
        assertThatThrownBy(start("billing.mode", "remote")::before)
                .hasMessageContaining("billing.mode remote (FLEET_BILLING_MODE) needs a RabbitMQ broker")
                .hasMessageContaining("FLEET_AMQP_URI")
                .hasMessageContaining("billing-service could never receive them")
                .hasMessageNotContaining("notifications.mode");
    }

    @Test
    void remoteNotificationsWithInProcessEventsFailsStartup() {
        assertThatThrownBy(start("notifications.mode", "remote")::before)
                .hasMessageContaining("notifications.mode remote (FLEET_NOTIFICATIONS_MODE) needs a Kafka broker")
                .hasMessageContaining("FLEET_KAFKA_BOOTSTRAP")
                .hasMessageContaining("notification-service could never receive them")
                .hasMessageNotContaining("billing.mode");
    }

    @Test
    void anUnknownModeFailsStartupNamingTheSetting() {
        assertThatThrownBy(start("billing.mode", "elsewhere")::before)
                .hasMessageContaining("billing.mode").hasMessageContaining("elsewhere")
                .hasMessageContaining("local").hasMessageContaining("remote");
        assertThatThrownBy(start("notifications.mode", "Remote")::before)
                .hasMessageContaining("notifications.mode").hasMessageContaining("'Remote'");
    }

    private static DropwizardTestSupport<FleetConfiguration> start(String key, String value) {
        return new DropwizardTestSupport<>(FleetApplication.class, "config.yml", "needs-broker",
                ConfigOverride.config("needs-broker", key, value),
                ConfigOverride.config("needs-broker", "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("needs-broker", "server.adminConnectors[0].port", "0"));
    }
}
