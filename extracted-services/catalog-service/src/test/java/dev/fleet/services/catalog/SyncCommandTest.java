package dev.fleet.services.catalog;

import com.sun.net.httpserver.HttpServer;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code catalog-service sync --from <url> config.yml} against a small HTTP server standing in for the monolith's
 * {@code GET /api/cars} (the monolith itself is the source in the app module's CatalogSyncTest): counts, the
 * watermark, and every failure writing nothing and naming its reason.
 */
class SyncCommandTest {

    static final String FORD = "{\"id\":\"0345391802\",\"manufacturer\":\"Ford\",\"model\":\"Galaxy\",\"category\":\"VAN\",\"dailyRate\":59.00,\"location\":\"MAD\"}";
    static final String FORD_CHANGED = FORD.replace("59.00", "61.00");
    static final String NEW_CAR = "{\"id\":\"SYNC-NEW-1\",\"manufacturer\":\"Cupra\",\"model\":\"Born\",\"category\":\"COMPACT\",\"dailyRate\":49.5,\"location\":\"BCN\"}";

    final TestDatabase db = TestDatabase.create();
    HttpServer monolith;
    volatile int status = 200;
    volatile String body = "[]";
    volatile Map<String, String> headers = Map.of();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        // dw.* system properties override config.yml, as ConfigOverride does for app tests
        System.setProperty("dw.database.url", db.url());
        System.setProperty("dw.database.user", db.user());
        System.setProperty("dw.database.password", "");
        monolith = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        monolith.createContext("/api/cars", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(bytes);
            }
        });
        monolith.start();
    }

    @AfterEach
    void stop() {
        monolith.stop(0);
        System.clearProperty("dw.database.url");
        System.clearProperty("dw.database.user");
        System.clearProperty("dw.database.password");
        db.close();
    }

    String url() {
        return "http://127.0.0.1:" + monolith.getAddress().getPort();
    }

    @Test
    void makesTheCarsEqualToTheMonolithsAndPrintsTheCounts() {
        body = "[" + FORD_CHANGED + "," + NEW_CAR + "]";
        headers = Map.of(CarChanged.SEQUENCE_HEADER, "42");

        assertThat(sync("--from", url() + "/")).as(err.toString()).isEmpty();

        assertThat(out.toString()).contains("synced 2 cars from " + url() + "/api/cars", "copied 1", "updated 1",
                "unchanged 0", "(as of change 42)").containsPattern("removed \\d+");
        assertThat(count(db, "SELECT COUNT(*) FROM cars")).isEqualTo(2);
        assertThat(count(db, "SELECT COUNT(*) FROM cars WHERE id = ? AND daily_rate = 61.00", "0345391802")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM cars WHERE id = ? AND daily_rate = 49.50", "SYNC-NEW-1")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM replicated_cars WHERE last_sequence = 42"))
                .as("synced and removed cars reflect change 42").isGreaterThanOrEqualTo(20);

        out.reset();
        assertThat(sync("--from", url())).isEmpty();
        assertThat(out.toString()).contains("copied 0, updated 0, removed 0, unchanged 2");
    }

    @Test
    void withoutTheSequenceHeaderItSyncsAndSaysEventsApplyWhateverTheirNumber() {
        body = "[" + FORD + "]";
        assertThat(sync("--from", url())).as(err.toString()).isEmpty();
        assertThat(out.toString()).contains("copied 0, updated 0", "unchanged 1", "no " + CarChanged.SEQUENCE_HEADER);
        assertThat(count(db, "SELECT COUNT(*) FROM replicated_cars")).isZero();
    }

    @Test
    void anUnreachableMonolithFailsNamingItAndWritesNothing() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertFails("cannot reach http://127.0.0.1:" + closed + "/api/cars", "--from", "http://127.0.0.1:" + closed);
        assertThat(tablesExist()).as("not even migrated: nothing was read").isFalse();
    }

    @Test
    void answersThatAreNotAListOfValidCarsFailAndWriteNothing() {
        body = "<html>maintenance</html>";
        assertFails("did not answer JSON", "--from", url());
        body = "{\"cars\":[]}";
        assertFails("answered JSON but not a list of cars", "--from", url());
        body = "[" + FORD + ",{\"id\":\"X\",\"category\":\"TANK\"}]";
        assertFails("car #2 is not a car", "--from", url());
        body = "[" + FORD + ",{\"id\":\"SYNC-BAD\",\"model\":\"A\",\"category\":\"SUV\",\"dailyRate\":0,\"location\":\"MAD\"}]";
        assertFails("car #2 (SYNC-BAD): manufacturer is required", "--from", url());
        status = 500;
        body = "{\"code\":500,\"message\":\"boom\"}";
        assertFails("answered 500", "--from", url());
        assertFails("--from must be the monolith's http(s) URL", "--from", "ftp://example.org");
        assertThat(!tablesExist() || count(db, "SELECT COUNT(*) FROM cars WHERE id = ?", "SYNC-BAD") == 0).isTrue();
    }

    /** The real entry point (main), in its own JVM: a failed sync exits non-zero with the reason, no stack trace. */
    @Test
    void theJarsSyncCommandExitsNonZeroOnFailure() throws Exception {
        body = "not json";
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Ddw.database.url=" + db.url(), "-Ddw.database.user=" + db.user(), "-Ddw.database.password=",
                "-Ddw.logging.level=WARN", CatalogServiceApplication.class.getName(), "sync", "--from", url(), "config.yml")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("sync failed: GET " + url() + "/api/cars did not answer JSON").doesNotContain("\tat ");
    }

    private void assertFails(String message, String... args) {
        err.reset();
        Optional<Throwable> failure = sync(args);
        assertThat(failure).as("should fail with: " + message).isPresent();
        assertThat(err.toString()).contains("sync failed: ").contains(message).doesNotContain("\tat ");
    }

    private boolean tablesExist() {
        return count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'cars'"
                + " AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)") > 0;
    }

    private Optional<Throwable> sync(String... args) {
        // the application's bootstrap, with the command's output captured
        Bootstrap<CatalogServiceConfiguration> bootstrap = new Bootstrap<>(new CatalogServiceApplication());
        FleetApp.initialize(bootstrap, CatalogServiceApplication.MIGRATIONS);
        bootstrap.addCommand(new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(CatalogServiceApplication.class), bootstrap,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] command = new String[args.length + 2];
        command[0] = "sync";
        System.arraycopy(args, 0, command, 1, args.length);
        command[command.length - 1] = "config.yml";
        return cli.run(command);
    }
}
