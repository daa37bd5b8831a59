package dev.fleet.app.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
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

        Response read = api(APP, "/api/cars").request().get();
        assertThat(read.getHeaderString("Retry-After")).isEqualTo("5");
        JsonNode error = assertError(read, 503, "the database is unavailable, retry after 5 s");
        assertThat(error.toString()).doesNotContain("jdbc", "h2", "SQL");

        Response write = api(APP, "/api/customers").request()
                .post(json("{\"name\":\"Outage\",\"email\":\"outage@example.com\",\"licenceNumber\":\"OUT-1\"}"));
        assertError(write, 503, "the database is unavailable");
        assertError(api(APP, "/api/cars/0345391802").request().get(), 503, "the database is unavailable");
    }
}
