package dev.fleet.platform.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real database failures, raised by the test database (H2 here, PostgreSQL in {@code .ci/run}'s second pass) inside a
 * resource, answered by {@link DatabaseErrorMapper}: a 4xx or 503 JSON error with a reason and nothing of the
 * database's own message, and a 500 only for what is a bug. Validation keeps client data from reaching these in
 * Fleet's modules; this is the net under it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseErrorMapperTest {

    static final TestDatabase DB = TestDatabase.create();
    static final Jdbi JDBI = DB.jdbi();
    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new Statements(JDBI, unreachable(DB)))
            .addProvider(new DatabaseErrorMapper())
            .build();

    static {
        JDBI.useHandle(h -> h.execute("CREATE TABLE mapper_parent (id varchar(5) PRIMARY KEY)"));
        JDBI.useHandle(h -> h.execute("CREATE TABLE mapper_rows (id varchar(5) PRIMARY KEY, name varchar(5) NOT NULL, "
                + "amount decimal(4,2), parent varchar(5) REFERENCES mapper_parent (id), CHECK (amount > 0))"));
        JDBI.useHandle(h -> h.execute("INSERT INTO mapper_rows (id, name) VALUES ('taken', 'x')"));
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    /** Statements a buggy or racing module might run; each fails in the database. */
    @Path("/sql")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Statements {
        private final Jdbi jdbi;
        private final Jdbi unreachable;

        Statements(Jdbi jdbi, Jdbi unreachable) {
            this.jdbi = jdbi;
            this.unreachable = unreachable;
        }

        @POST
        @Path("{case}")
        public String run(@PathParam("case") String which) {
            String sql = switch (which) {
                case "too-long" -> "INSERT INTO mapper_rows (id, name) VALUES ('a', 'secret-value')";
                case "out-of-range" -> "INSERT INTO mapper_rows (id, name, amount) VALUES ('b', 'x', 123.45)";
                case "duplicate" -> "INSERT INTO mapper_rows (id, name) VALUES ('taken', 'x')";
                case "not-null" -> "INSERT INTO mapper_rows (id, name) VALUES ('c', NULL)";
                case "check" -> "INSERT INTO mapper_rows (id, name, amount) VALUES ('d', 'x', -1)";
                case "foreign-key" -> "INSERT INTO mapper_rows (id, name, parent) VALUES ('e', 'x', 'none')";
                case "nul" -> "INSERT INTO mapper_rows (id, name) VALUES ('f', :text)";
                case "bug" -> "SELECT * FROM no_such_table";
                default -> throw new IllegalArgumentException(which);
            };
            // bound like every module binds client values; only the NUL statement has a parameter
            jdbi.useHandle(h -> {
                var update = h.createUpdate(sql);
                if (sql.contains(":text")) {
                    update.bind("text", "a\u0000");
                }
                update.execute();
            });
            return "{}";
        }

        @GET
        @Path("unreachable")
        public String unreachable() {
            return unreachable.withHandle(h -> h.createQuery("SELECT 1").mapTo(String.class).one());
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "too-long,     422, a value does not fit what the database stores",
            "out-of-range, 422, a value does not fit what the database stores",
            "not-null,     422, a value does not fit what the database stores",
            "check,        422, a value does not fit what the database stores",
            "duplicate,    409, the request conflicts with stored data",
            "foreign-key,  409, the request conflicts with stored data"})
    void aDatabaseRefusalIsA4xxWithAReason(String statement, int status, String message) {
        Response response = RESOURCES.target("/sql/" + statement).request().post(null);
        JsonNode error = assertJsonError(response, status);
        assertThat(error.get("message").asText()).startsWith(message);
        assertThat(error.toString()).doesNotContainIgnoringCase("mapper_rows").doesNotContain("secret-value", "SQL", "varchar");
        int rows = JDBI.withHandle(h -> h.createQuery("SELECT count(*) FROM mapper_rows").mapTo(Integer.class).one());
        assertThat(rows).as("nothing written").isEqualTo(1);
    }

    @Test
    void nulInTextIsA422WherePostgresRefusesIt() {
        Assumptions.assumeTrue(DB.isPostgres(), "H2 stores NUL; PostgreSQL refuses it (SQLState 22021)");
        assertJsonError(RESOURCES.target("/sql/nul").request().post(null), 422);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfter() {
        Response response = RESOURCES.target("/sql/unreachable").request().get();
        JsonNode error = assertJsonError(response, 503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(error.get("message").asText()).isEqualTo("the database is unavailable, retry after 5 s");
    }

    @Test
    void aStatementThatIsABugStaysA500WithALoggedId() {
        JsonNode error = assertJsonError(RESOURCES.target("/sql/bug").request().post(null), 500);
        assertThat(error.get("message").asText()).contains("It has been logged (ID ");
    }

    @Test
    void classifiesByTheCauseChain() {
        assertThat(DatabaseErrorMapper.classify(new RuntimeException(new java.sql.SQLException("x", "23505"))))
                .isEqualTo(DatabaseErrorMapper.Kind.CONFLICT);
        assertThat(DatabaseErrorMapper.classify(new RuntimeException(new java.sql.SQLException("x", "57P01"))))
                .isEqualTo(DatabaseErrorMapper.Kind.UNAVAILABLE);
        assertThat(DatabaseErrorMapper.classify(new RuntimeException(new java.sql.SQLException("x", "40P01"))))
                .isEqualTo(DatabaseErrorMapper.Kind.UNAVAILABLE);
        assertThat(DatabaseErrorMapper.classify(new RuntimeException(new java.sql.SQLException("x", "42P01"))))
                .isEqualTo(DatabaseErrorMapper.Kind.BUG);
        assertThat(DatabaseErrorMapper.classify(new RuntimeException("no SQL at all"))).isEqualTo(DatabaseErrorMapper.Kind.BUG);
    }

    private static JsonNode assertJsonError(Response response, int status) {
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith("application/json");
        JsonNode error = FleetAppExtension.parse(body);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(body).doesNotContain("Exception", "\tat ");
        return error;
    }

    /** A JDBI on the same kind of database, at a loopback port nothing listens on. */
    private static Jdbi unreachable(TestDatabase database) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return database.isPostgres()
                ? Jdbi.create("jdbc:postgresql://127.0.0.1:" + port + "/fleet?connectTimeout=2", "fleet", "fleet")
                : Jdbi.create("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:gone", "sa", "");
    }
}
