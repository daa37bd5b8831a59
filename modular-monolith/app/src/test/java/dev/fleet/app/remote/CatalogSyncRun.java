package dev.fleet.app.remote;

import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.catalog.SyncCommand;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code catalog-service sync --from <url> <config>} run in the test's JVM, writing into {@code database}. */
final class CatalogSyncRun {

    private CatalogSyncRun() {
    }

    static Optional<Throwable> sync(TestDatabase database, String from, ByteArrayOutputStream out, ByteArrayOutputStream err)
            throws IOException {
        Path config = Files.createTempFile("catalog-sync", ".yml");
        try {
            Files.writeString(config, "database:\n  url: \"" + database.url() + "\"\n  user: " + database.user()
                    + "\n  password: \"\"\nlogging:\n  level: WARN\n");
            Bootstrap<CatalogServiceConfiguration> bootstrap = new Bootstrap<>(new CatalogServiceApplication());
            FleetApp.initialize(bootstrap, CatalogServiceApplication.MIGRATIONS);
            // its own property prefix: the running apps' dw.* overrides (another database!) must not apply here
            bootstrap.setConfigurationFactoryFactory((type, validator, mapper, prefix) ->
                    new YamlConfigurationFactory<>(type, validator, mapper, "catalog-sync"));
            bootstrap.addCommand(new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
            Cli cli = new Cli(new JarLocation(CatalogServiceApplication.class), bootstrap,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return cli.run("sync", "--from", from, config.toString());
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
