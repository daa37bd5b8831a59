package dev.fleet.app;

import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar fleet-monolith.jar db migrate config.yml} applies every module's changelog. */
class DbMigrateCommandTest {

    final TestDatabase db = TestDatabase.create();

    @AfterEach
    void cleanUp() {
        System.clearProperty("dw.database.url");
        System.clearProperty("dw.database.user");
        System.clearProperty("dw.database.password");
        db.close();
    }

    @Test
    void dbMigrateCreatesTheTablesOfEveryIncludedModule() throws IOException {
        // dw.* system properties override config.yml, as ConfigOverride does for app tests
        System.setProperty("dw.database.url", db.url());
        System.setProperty("dw.database.user", db.user());
        System.setProperty("dw.database.password", "");

        FleetApplication application = new FleetApplication();
        Bootstrap<FleetConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new JarLocation(FleetApplication.class), bootstrap,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        Optional<Throwable> failure = cli.run("db", "migrate", "config.yml");

        assertThat(failure).as("db migrate failed: %s", err).isEmpty();
        List<String> applied = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT filename FROM databasechangelog")
                .mapTo(String.class).list());
        assertThat(applied).containsExactlyInAnyOrderElementsOf(includedChangelogs());
        int cars = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cars").mapTo(Integer.class).one());
        assertThat(cars).isGreaterThanOrEqualTo(20);
    }

    private static List<String> includedChangelogs() throws IOException {
        try (InputStream in = DbMigrateCommandTest.class.getClassLoader().getResourceAsStream(FleetApplication.MIGRATIONS)) {
            String master = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher include = Pattern.compile("<include file=\"([^\"]+)\"").matcher(master);
            return include.results().map(m -> m.group(1)).toList();
        }
    }
}
