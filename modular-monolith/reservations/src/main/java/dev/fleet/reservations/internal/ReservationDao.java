package dev.fleet.reservations.internal;

import dev.fleet.reservations.api.Reservation;
import dev.fleet.reservations.api.ReservationStatus;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

@RegisterRowMapper(ReservationDao.ReservationMapper.class)
public interface ReservationDao {

    String COLUMNS = "id, customer_id, car_id, start_date, end_date, status, total, currency";

    @SqlQuery("SELECT " + COLUMNS + " FROM reservations WHERE id = ?")
    Optional<Reservation> find(String id);

    @SqlUpdate("INSERT INTO reservations (" + COLUMNS + ", created_at) VALUES (:r.id, :r.customerId, :r.carId, :r.from, :r.to,"
            + " :r.status, :r.total, :r.currency, :now)")
    void insert(@BindMethods("r") Reservation reservation, @Bind("now") Instant now);

    /** Active reservations of the car overlapping [from, to): rentals are half-open, so to == next from is fine. */
    @SqlQuery("SELECT COUNT(*) FROM reservations WHERE car_id = :carId AND status = 'ACTIVE'"
            + " AND start_date < :to AND end_date > :from")
    int countOverlapping(@Bind("carId") String carId, @Bind("from") LocalDate from, @Bind("to") LocalDate to);

    @SqlUpdate("UPDATE reservations SET status = 'CANCELLED', cancelled_at = :now WHERE id = :id AND status = 'ACTIVE'")
    int cancel(@Bind("id") String id, @Bind("now") Instant now);

    // Per-car lock row: the UPDATE takes a row lock that serialises reservations of one car until commit.
    @SqlQuery("SELECT COUNT(*) FROM reservation_car_locks WHERE car_id = ?")
    int lockRowExists(String carId);

    @SqlUpdate("INSERT INTO reservation_car_locks (car_id, version) VALUES (?, 0)")
    void insertLockRow(String carId);

    @SqlUpdate("UPDATE reservation_car_locks SET version = version + 1 WHERE car_id = ?")
    int lockCar(String carId);

    @SqlQuery("SELECT request_hash FROM reservation_idempotency_keys WHERE idempotency_key = ?")
    Optional<String> keyHash(String key);

    @SqlQuery("SELECT reservation_id FROM reservation_idempotency_keys WHERE idempotency_key = ?")
    Optional<String> keyReservation(String key);

    @SqlUpdate("INSERT INTO reservation_idempotency_keys (idempotency_key, request_hash, reservation_id, created_at)"
            + " VALUES (:key, :hash, :reservationId, :now)")
    void insertKey(@Bind("key") String key, @Bind("hash") String hash, @Bind("reservationId") String reservationId, @Bind("now") Instant now);

    class ReservationMapper implements RowMapper<Reservation> {
        @Override
        public Reservation map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Reservation(rs.getString("id"), rs.getString("customer_id"), rs.getString("car_id"),
                    rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                    ReservationStatus.valueOf(rs.getString("status")), rs.getBigDecimal("total"), rs.getString("currency"));
        }
    }
}
