package dev.fleet.app.input;

import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Services;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static dev.fleet.app.support.ApiAssertions.assertUnavailable;
import static dev.fleet.app.support.Monolith.api;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a running monolith: reads and writes answer 503 with {@code Retry-After} and a JSON
 * reason, never a 500. The database is a real H2 server over TCP in this JVM, stopped mid-test (which closes every
 * connection the app's pool holds), so the failure is the driver's own, as with a PostgreSQL that restarts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseOutageTest {

    static final Server H2 = startH2();
    static final DropwizardAppExtension<FleetConfiguration> APP = new DropwizardAppExtension<>(FleetApplication.class, "config.yml",
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("database.url", "jdbc:h2:tcp://127.0.0.1:" + H2.getPort() + "/outage;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH"),
            ConfigOverride.config("database.user", "sa"),
            ConfigOverride.config("database.password", ""),
            ConfigOverride.config("logging.level", "WARN"));

    private static Server startH2() {
        try {
            Path dir = Files.createTempDirectory("fleet-outage");
            return Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an H2 TCP server", e);
        }
    }

    @AfterAll
    static void stopH2() {
        H2.stop();
    }

    @Test
    void whileTheDatabaseIsDownRequestsAre503WithRetryAfter() throws SQLException {
        assertThat(api(APP, "/api/cars").request().get().getStatus()).as("served while the database is up").isEqualTo(200);

        H2.stop();

        // the plain client: the test client would wait out Retry-After and ask again
        String base = "http://127.0.0.1:" + APP.getLocalPort();
        HttpResponse<String> read = Services.get(base + "/api/cars");
        assertUnavailable(read, "the database");
        assertThat(read.body()).doesNotContain("jdbc", "h2", "SQL");

        assertUnavailable(Services.post(base + "/api/customers",
                "{\"name\":\"Outage\",\"email\":\"outage@example.com\",\"licenceNumber\":\"OUT-1\"}"), "the database");
        assertUnavailable(Services.get(base + "/api/cars/0345391802"), "the database");
    }
}
