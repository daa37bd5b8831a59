package dev.fleet.catalog.internal;

import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Map;
import java.util.Optional;

/** replicated_cars: the last change sequence applied per car id on a copy of the catalog (deleted cars too). */
interface ReplicaDao {

    /** Locks the car's row (when there is one) until the transaction ends, so two deliveries cannot both apply. */
    @SqlQuery("SELECT last_sequence FROM replicated_cars WHERE car_id = ? FOR UPDATE")
    Optional<Long> lastSequenceForUpdate(String carId);

    /** Every car id with its sequence, all rows locked until the transaction ends (the sync's view). */
    @SqlQuery("SELECT car_id, last_sequence FROM replicated_cars FOR UPDATE")
    @KeyColumn("car_id")
    @ValueColumn("last_sequence")
    Map<String, Long> lockAll();

    @SqlQuery("SELECT last_sequence FROM replicated_cars WHERE car_id = ?")
    Optional<Long> lastSequence(String carId);

    @SqlUpdate("INSERT INTO replicated_cars (car_id, last_sequence) VALUES (?, ?)")
    void insert(String carId, long sequence);

    @SqlUpdate("UPDATE replicated_cars SET last_sequence = ? WHERE car_id = ?")
    int update(long sequence, String carId);
}
