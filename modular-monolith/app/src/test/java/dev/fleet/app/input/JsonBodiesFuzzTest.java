package dev.fleet.app.input;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated JSON bodies for every POST and PUT of the monolith's API (jqwik): objects with the endpoint's fields, each
 * left out, null, of the wrong type, or any text or number at all (control characters, unpaired surrogates, values at
 * and past every limit, numbers too large or too precise for their columns, dates far beyond what a database stores).
 * Whatever the body, the answer is never a 5xx; a refusal is a JSON error from validation (not from the database's
 * safety net) and leaves every table the API writes as it was; an acceptance is stored as answered. On H2 in {@code ./mvnw verify}, on PostgreSQL in {@code .ci/run}.
 */
class JsonBodiesFuzzTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);
    static final String FUZZ_CAR = "FUZZ-PUT-01";
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper PLAIN = new ObjectMapper();
    static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    static final int TRIES = 300;

    private static Tables tables;

    @BeforeContainer
    static void start() throws Throwable {
        APP.before();
        tables = new Tables(DB);
        HttpResponse<String> car = send("POST", "/api/cars", "{\"id\":\"" + FUZZ_CAR + "\",\"manufacturer\":\"Fuzz\",\"model\":\"Target\"}", Map.of());
        assertThat(car.statusCode()).as(car.body()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() {
        APP.after();
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void postCar(@ForAll("carBodies") String body) throws Exception {
        check("POST", "/api/cars", body, Map.of());
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void putCar(@ForAll("carBodies") String body) throws Exception {
        check("PUT", "/api/cars/" + FUZZ_CAR, body, Map.of());
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void postCustomer(@ForAll("customerBodies") String body) throws Exception {
        check("POST", "/api/customers", body, Map.of());
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void postReservation(@ForAll("reservationBodies") String body, @ForAll("idempotencyKeys") Optional<String> key) throws Exception {
        check("POST", "/api/reservations", body, key.map(k -> Map.of("Idempotency-Key", k)).orElse(Map.of()));
    }

    // ------------------------------------------------------------------------------------------------ the bodies

    @Provide
    Arbitrary<String> carBodies() {
        return body(Map.of(
                "id", texts(Arbitraries.of("FUZZ-" + UUID.randomUUID().toString().substring(0, 8), "0345391802", "L".repeat(36))),
                "manufacturer", texts(Arbitraries.of("Ford", "Škoda", "m".repeat(100))),
                "model", texts(Arbitraries.of("Galaxy", "m".repeat(100))),
                "category", texts(Arbitraries.of(Arrays.stream(CarCategory.values()).map(Enum::name).toArray(String[]::new))),
                "dailyRate", numbers(),
                "location", texts(Arbitraries.of("MAD", "BCN", "LIS", "mad"))));
    }

    @Provide
    Arbitrary<String> customerBodies() {
        return body(Map.of(
                "name", texts(Arbitraries.of("Ada Lovelace", "Ñ".repeat(100))),
                "email", texts(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> s + "@example.com")),
                "licenceNumber", texts(Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(5).ofMaxLength(20))));
    }

    @Provide
    Arbitrary<String> reservationBodies() {
        Arbitrary<String> dates = Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 800).map(days -> TODAY.plusDays(days).toString()),
                Arbitraries.of("+999999999-12-31", "-999999999-01-01", "+5874898-01-01", "2027-02-30", "0000-01-01"));
        return body(Map.of(
                "customerId", texts(Arbitraries.of(ADA, UUID.randomUUID().toString())),
                "carId", texts(Arbitraries.of("MAD-SEAT-IBIZA-01", "BCN-FIAT-500-01", FUZZ_CAR)),
                "from", texts(dates),
                "to", texts(dates)));
    }

    @Provide
    Arbitrary<Optional<String>> idempotencyKeys() {
        // what an HTTP client can put in a header: printable ASCII, and a little past the limit
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(110).optional(0.3);
    }

    /** A JSON object with each of {@code fields} present (with a value from its arbitrary, or any JSON value) or absent. */
    private static Arbitrary<String> body(Map<String, Arbitrary<JsonNode>> fields) {
        Map<String, Arbitrary<JsonNode>> ordered = new LinkedHashMap<>(fields);
        List<Arbitrary<Optional<JsonNode>>> values = ordered.values().stream()
                .map(value -> Arbitraries.frequencyOf(Tuple.of(8, value), Tuple.of(1, anyJson())).optional(0.75)).toList();
        List<String> names = List.copyOf(ordered.keySet());
        Arbitrary<ObjectNode> objects = Combinators.combine(values).as(present -> {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                present.get(i).ifPresent(value -> object.set(names.get(index), value));
            }
            return object;
        });
        Arbitrary<String> written = Combinators.combine(objects, Arbitraries.of(PLAIN, ESCAPING))
                .as((object, mapper) -> {
                    try {
                        return mapper.writeValueAsString(object);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        // now and then not an object of these fields at all
        return Arbitraries.frequencyOf(
                Tuple.of(20, written),
                Tuple.of(1, anyJson().map(JsonNode::toString)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(50)));
    }

    /** Good values of a field, texts at and past the usual limits, and any text at all. */
    private static Arbitrary<JsonNode> texts(Arbitrary<String> good) {
        // mostly good, so that whole bodies pass often enough to reach the database with one bad value in them
        return Arbitraries.frequencyOf(
                Tuple.of(5, good),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(60)),
                Tuple.of(1, 
Arbitraries.of(3, 20, 21, 36, 37, 100, 101, 254, 255, 5000).map("x"::repeat)),
                Tuple.of(1, Arbitraries.of("\u0000", "a\u0000", "\u0007bell", "tab\t", "line\nbreak", "\u007f", "\u0085", "\ud800", "x\udc00y",
                        " padded ", "", " ", "😀".repeat(60))))
                .map(text -> (JsonNode) JsonNodeFactory.instance.textNode(text));
    }

    private static Arbitrary<JsonNode> numbers() {
        Arbitrary<BigDecimal> ordinary = Arbitraries.integers().between(0, 4)
                .flatMap(scale -> Arbitraries.bigDecimals().between(new BigDecimal("-1e13"), new BigDecimal("1e13")).ofScale(scale));
        Arbitrary<BigDecimal> edges = Arbitraries.of("10000.00", "10000.01", "9999.99", "0.01", "0.001", "0", "-0.01",
                "99999999.99", "100000000", "1E+400", "1E-400", "123456789012345678901234567890").map(BigDecimal::new);
        return Arbitraries.oneOf(ordinary, edges).map(n -> (JsonNode) JsonNodeFactory.instance.numberNode(n));
    }

    /** Any JSON value: wrong types for every field. */
    private static Arbitrary<JsonNode> anyJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.just(json.nullNode()),
                Arbitraries.of(true, false).map(json::booleanNode),
                Arbitraries.longs().map(json::numberNode),
                Arbitraries.doubles().map(json::numberNode),
                Arbitraries.strings().all().ofMaxLength(20).list().ofMaxSize(3).map(list -> {
                    var array = json.arrayNode();
                    list.forEach(array::add);
                    return array;
                }),
                Arbitraries.strings().alpha().ofMaxLength(5).map(key -> json.objectNode().put(key, 1)));
    }

    // ------------------------------------------------------------------------------------------------ the property

    private static void check(String method, String path, String body, Map<String, String> headers) throws Exception {
        Map<String, List<String>> before = tables.snapshot();
        HttpResponse<String> response = send(method, path, body, headers);
        int status = response.statusCode();
        String what = method + " " + path + " " + headers + " " + body + " → " + status + " " + response.body();
        assertThat(status).as(what).isBetween(200, 499);
        if (status >= 400) {
            JsonNode error = Monolith.parse(response.body());
            assertThat(error.get("code").asInt()).as(what).isEqualTo(status);
            assertThat(error.get("message").asText()).as(what).isNotBlank()
                    // validation caught it, naming the problem: the database's safety net (DatabaseErrorMapper) never had to
                    .doesNotStartWith("a value does not fit what the database stores")
                    .doesNotStartWith("the request conflicts with stored data");
            assertThat(tables.snapshot()).as("no partial write: " + what).isEqualTo(before);
        } else {
            JsonNode answered = Monolith.parse(response.body());
            String location = path.startsWith("/api/cars/") ? path : path + "/" + answered.get("id").asText();
            HttpResponse<String> stored = send("GET", location, null, Map.of());
            assertThat(Monolith.parse(stored.body())).as("stored as answered: " + what).isEqualTo(answered);
        }
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
