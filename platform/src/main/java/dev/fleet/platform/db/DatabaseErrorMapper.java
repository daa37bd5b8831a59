package dev.fleet.platform.db;

import dev.fleet.platform.errors.ApiError;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The safety net under every module's validation: a database failure that still reaches a resource is answered
 * with a reason, never a 500. Validation ({@code dev.fleet.platform.validation}) keeps client data from getting
 * this far; this mapper covers what it cannot know (a race, a database that went away, a rule only the database
 * enforces). By SQLState, which PostgreSQL and H2 share for these classes:
 * <ul>
 *   <li>class 22, data exception (too long, out of range, an invalid character): 422;</li>
 *   <li>class 23, integrity constraint: 409 for a unique or foreign key, 422 for a not-null or check constraint;</li>
 *   <li>no connection, a broken one, an exhausted pool, a lock timeout, a deadlock or a serialisation failure: 503
 *       with {@code Retry-After}, because the same request may well succeed later;</li>
 *   <li>anything else is a bug: Dropwizard's logged 500 with an id, as before.</li>
 * </ul>
 * The answer never carries the database's own message (it may quote stored data); the log has the SQLState.
 */
public class DatabaseErrorMapper implements ExceptionMapper<JdbiException> {

    /** Seconds a client should wait before retrying after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrorMapper.class);
    private final LoggingExceptionMapper<Throwable> bug = new LoggingExceptionMapper<>() { };

    /** What a failure means for the client. */
    enum Kind { UNAVAILABLE, CONFLICT, UNPROCESSABLE, BUG }

    @Override
    public Response toResponse(JdbiException failure) {
        Optional<SQLException> sql = sqlCause(failure);
        String state = sql.map(SQLException::getSQLState).orElse(null);
        return switch (classify(failure)) {
            case UNAVAILABLE -> {
                LOG.warn("database unavailable (SQLState {}): {}", state, rootMessage(failure));
                yield json(Response.status(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS),
                        new ApiError(503, "the database is unavailable, retry after " + RETRY_AFTER_SECONDS + " s"));
            }
            case CONFLICT -> {
                LOG.info("request refused by a database constraint (SQLState {})", state);
                yield json(Response.status(409), new ApiError(409, "the request conflicts with stored data (a record with the same key exists, or one it refers to does not)"));
            }
            case UNPROCESSABLE -> {
                LOG.info("request refused by the database (SQLState {})", state);
                yield json(Response.status(422), new ApiError(422,
                        "a value does not fit what the database stores (too long, out of range, missing or an invalid character)"));
            }
            case BUG -> bug.toResponse(failure);
        };
    }

    static Kind classify(Throwable failure) {
        if (failure instanceof ConnectionException) {
            return Kind.UNAVAILABLE;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return Kind.UNAVAILABLE;
            }
            if (t instanceof SQLException sql) {
                Kind kind = bySqlState(sql);
                if (kind != Kind.BUG) {
                    return kind;
                }
                if (sql.getSQLState() == null && t.getClass().getSimpleName().contains("PoolExhausted")) {
                    return Kind.UNAVAILABLE; // tomcat-jdbc, Dropwizard's pool: no connection within maxWaitForConnection
                }
            }
        }
        return Kind.BUG;
    }

    private static Kind bySqlState(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null || state.length() != 5) {
            return Kind.BUG;
        }
        if (state.startsWith("08") // connection exception
                || state.startsWith("57P") // PostgreSQL: admin shutdown, crash shutdown, cannot connect now
                || state.equals("40001") || state.equals("40P01") // serialization failure, deadlock
                || state.equals("55P03") // PostgreSQL: lock not available
                || state.equals("HYT00") || state.equals("50200") // H2: lock timeout
                || state.equals("90067") || state.equals("90098") || state.equals("90121")) { // H2: connection broken, database closed
            return Kind.UNAVAILABLE;
        }
        if (state.equals("23505") || state.equals("23503") || state.equals("23506")) { // unique; foreign key (H2 says 23506 for a missing parent)
            return Kind.CONFLICT;
        }
        if (state.startsWith("23") || state.startsWith("22")) {
            return Kind.UNPROCESSABLE;
        }
        return Kind.BUG;
    }

    private static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    private static Response json(Response.ResponseBuilder builder, ApiError error) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
