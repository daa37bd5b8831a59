package dev.fleet.services.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.catalog.CatalogModule;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.catalog.internal.CarReplica;
import dev.fleet.platform.db.Databases;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code catalog-service sync --from <monolith url> [config.yml]}: the bulk initial copy of the monolith's catalog.
 * Reads {@code GET <url>/api/cars} first, then migrates this service's database and makes its cars equal to the
 * list in one transaction (copies new cars, updates changed ones, removes those the monolith no longer has) and
 * prints the counts. An unreachable URL, an answer that is not a JSON list of valid cars, or any database error
 * writes nothing and exits non-zero with the reason. The monolith's {@value CarChanged#SEQUENCE_HEADER} header
 * marks the synced cars so that CarChanged events older than the list are skipped afterwards
 * (docs/catalog-cutover.md).
 */
public class SyncCommand extends ConfiguredCommand<CatalogServiceConfiguration> {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;

    public SyncCommand() {
        this(System.out);
    }

    /** A sync that prints its counts to {@code out} (tests, embedding). */
    public SyncCommand(PrintStream out) {
        super("sync", "Copies the monolith's cars (GET <url>/api/cars) into this service's database, in one transaction");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser); // the optional config file
        subparser.addArgument("--from").dest("from").required(true).metavar("URL")
                .help("the monolith's base URL, e.g. http://127.0.0.1:9000");
    }

    @Override
    protected void run(Bootstrap<CatalogServiceConfiguration> bootstrap, Namespace namespace,
                       CatalogServiceConfiguration configuration) throws Exception {
        URI cars = carsUri(namespace.getString("from"));
        Snapshot snapshot = fetch(cars, bootstrap.getObjectMapper());
        ManagedDataSource dataSource = Databases.withDriverFor(configuration.getDatabase())
                .build(bootstrap.getMetricRegistry(), "sync");
        CarReplica.SyncResult result;
        try {
            Databases.migrate(dataSource, CatalogServiceApplication.MIGRATIONS);
            Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
            result = CatalogModule.sync(jdbi, snapshot.cars(), snapshot.watermark());
        } finally {
            dataSource.stop();
        }
        out.printf("synced %d cars from %s: copied %d, updated %d, removed %d, unchanged %d, kept newer %d%s%n",
                snapshot.cars().size(), cars, result.copied(), result.updated(), result.removed(), result.unchanged(),
                result.keptNewer(), snapshot.watermark().isPresent()
                        ? " (as of change " + snapshot.watermark().getAsLong() + ")"
                        : " (no " + CarChanged.SEQUENCE_HEADER + ": events for these cars apply whatever their number)");
    }

    /** The reason alone, no stack trace: these are operator errors (bad URL, monolith down), not bugs. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println("sync failed: " + e.getMessage());
    }

    record Snapshot(List<Car> cars, OptionalLong watermark) {
    }

    static URI carsUri(String from) {
        URI base;
        try {
            base = URI.create(from.trim());
        } catch (IllegalArgumentException e) {
            base = null;
        }
        if (base == null || base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw new IllegalArgumentException("--from must be the monolith's http(s) URL, e.g. http://127.0.0.1:9000, not '" + from + "'");
        }
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/api/cars");
    }

    static Snapshot fetch(URI cars, ObjectMapper mapper) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(cars).timeout(READ_TIMEOUT).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + cars + ": " + describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + cars + " answered " + response.statusCode() + ", not 200 with a JSON list of cars");
        }
        ObjectMapper exact = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode list;
        try {
            list = exact.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + cars + " did not answer JSON: " + firstLine(e.getMessage()), e);
        }
        if (list == null || !list.isArray()) {
            throw new IllegalStateException("GET " + cars + " answered JSON but not a list of cars");
        }
        List<Car> snapshot = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                snapshot.add(exact.treeToValue(list.get(i), Car.class));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("GET " + cars + ": car #" + (i + 1) + " is not a car: " + firstLine(e.getMessage()), e);
            }
        }
        return new Snapshot(snapshot, watermark(cars, response));
    }

    private static OptionalLong watermark(URI cars, HttpResponse<String> response) {
        var header = response.headers().firstValue(CarChanged.SEQUENCE_HEADER);
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.get().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GET " + cars + ": " + CarChanged.SEQUENCE_HEADER + " is not a number: '" + header.get() + "'");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
