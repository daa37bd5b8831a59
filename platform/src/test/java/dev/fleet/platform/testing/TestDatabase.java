package dev.fleet.platform.testing;

import dev.fleet.platform.db.Databases;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database for one test class: an in-memory H2 (PostgreSQL mode) by default, or — when
 * {@code FLEET_IT_POSTGRES} holds a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/fleet?user=fleet&password=fleet}
 * — a new schema in that PostgreSQL database, dropped on {@link #close()}. A set but unreachable server fails
 * the test loudly instead of silently falling back to H2.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String POSTGRES_ENV = "FLEET_IT_POSTGRES";

    private final String url;
    private final String adminUrl;
    private final String schema;

    private TestDatabase(String url, String adminUrl, String schema) {
        this.url = url;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    public static boolean postgresRequested() {
        String value = System.getenv(POSTGRES_ENV);
        return value != null && !value.isBlank();
    }

    public static TestDatabase create() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        if (!postgresRequested()) {
            return new TestDatabase("jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1", null, null);
        }
        String base = System.getenv(POSTGRES_ENV).trim();
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(POSTGRES_ENV + " is set to " + base + " but PostgreSQL is not usable: " + e.getMessage(), e);
        }
        String separator = base.contains("?") ? "&" : "?";
        return new TestDatabase(base + separator + "currentSchema=" + name, base, name);
    }

    /** A fresh database with the given Liquibase changelog applied. */
    public static TestDatabase migrated(String changelog) {
        TestDatabase database = create();
        Databases.migrate(database.dataSource(), changelog);
        return database;
    }

    public boolean isPostgres() {
        return schema != null;
    }

    /** JDBC URL with user and password (if any) inside it. */
    public String url() {
        return url;
    }

    /** The user for configurations that want it apart from the URL: "sa" for H2, empty when the URL carries it. */
    public String user() {
        return isPostgres() ? "" : "sa";
    }

    public DataSource dataSource() {
        if (isPostgres()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            return dataSource;
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }

    public Jdbi jdbi() {
        return Jdbi.create(dataSource()).installPlugin(new SqlObjectPlugin());
    }

    @Override
    public void close() {
        if (isPostgres()) {
            try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + schema, e);
            }
        }
    }
}
