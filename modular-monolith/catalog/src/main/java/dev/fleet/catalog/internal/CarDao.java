package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(Car.class)
public interface CarDao {

    String COLUMNS = "id, manufacturer, model, category, daily_rate, location";

    @SqlQuery("SELECT " + COLUMNS + " FROM cars ORDER BY id")
    List<Car> list();

    @SqlQuery("SELECT " + COLUMNS + " FROM cars WHERE id = ?")
    Optional<Car> find(String id);

    @SqlUpdate("INSERT INTO cars (" + COLUMNS + ") VALUES (:id, :manufacturer, :model, :category, :dailyRate, :location)")
    void insert(@BindMethods Car car);

    @SqlUpdate("UPDATE cars SET manufacturer = :manufacturer, model = :model, category = :category, "
            + "daily_rate = :dailyRate, location = :location WHERE id = :id")
    int update(@BindMethods Car car);

    @SqlUpdate("DELETE FROM cars WHERE id = ?")
    int delete(String id);

    /** Takes the next change number; the counter row stays locked until the transaction ends. */
    @SqlUpdate("UPDATE catalog_sequence SET last_value = last_value + 1 WHERE id = 1")
    int incrementSequence();

    @SqlQuery("SELECT last_value FROM catalog_sequence WHERE id = 1")
    long lastSequence();
}
