package dev.fleet.platform.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.SQLException;

/** Builds an application's database access: a pooled data source, migrated on start, wrapped in JDBI. */
public final class Databases {

    private Databases() {
    }

    /**
     * The application's JDBI, and a {@link DatabaseErrorMapper} so that a database failure reaching a resource is a
     * JSON 4xx or 503, never a 500.
     *
     * @param changelog  the application's master changelog (it includes the changelog of every module it runs)
     * @param migrate    apply pending changes before serving (the {@code db migrate} command does the same on demand)
     */
    public static Jdbi jdbi(Environment environment, DataSourceFactory factory, String name, String changelog, boolean migrate) {
        ManagedDataSource dataSource = factory.build(environment.metrics(), name);
        if (migrate) {
            migrate(dataSource, changelog);
        }
        environment.jersey().register(new DatabaseErrorMapper());
        return new JdbiFactory().build(environment, factory, dataSource, name);
    }

    public static void migrate(javax.sql.DataSource dataSource, String changelog) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(), database)) {
                liquibase.update(new Contexts(), new LabelExpression());
            }
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Database migration with " + changelog + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Fills in the JDBC driver from the URL when the configuration leaves it blank, so that setting
     * {@code FLEET_DB_URL} to a PostgreSQL URL is enough to switch databases.
     */
    public static DataSourceFactory withDriverFor(DataSourceFactory factory) {
        if (factory.getDriverClass() == null || factory.getDriverClass().isBlank()) {
            String url = factory.getUrl() == null ? "" : factory.getUrl();
            if (url.startsWith("jdbc:postgresql:")) {
                factory.setDriverClass("org.postgresql.Driver");
            } else if (url.startsWith("jdbc:h2:")) {
                factory.setDriverClass("org.h2.Driver");
            } else {
                throw new IllegalArgumentException("database.driverClass is not set and cannot be derived from the URL " + url);
            }
        }
        return factory;
    }

    /** True when the failure is a unique-key violation (SQLState 23505 on PostgreSQL and H2). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
