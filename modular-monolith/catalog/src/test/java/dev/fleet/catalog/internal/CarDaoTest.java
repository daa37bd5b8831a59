package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's SQL against H2, and against PostgreSQL when FLEET_IT_POSTGRES is set. */
class CarDaoTest {

    static final TestDatabase DB = TestDatabase.migrated("db/catalog/changelog.xml");
    final Jdbi jdbi = DB.jdbi();
    final CarDao dao = jdbi.onDemand(CarDao.class);

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void changelogSeedsTheOriginalCarsWithExactMoney() {
        Car galaxy = dao.find("0345391802").orElseThrow();
        assertThat(galaxy).isEqualTo(new Car("0345391802", "Ford", "Galaxy", CarCategory.VAN, new BigDecimal("59.00"), "MAD"));
        assertThat(dao.find("0000000000")).get().extracting(Car::model).isEqualTo("Carrera");
        assertThat(dao.list()).hasSizeGreaterThanOrEqualTo(20).extracting(Car::id).isSorted();
    }

    @Test
    void insertUpdateDeleteRoundTrip() {
        Car car = new Car("DAO-1", "Fiat", "Panda", CarCategory.ECONOMY, new BigDecimal("24.99"), "LIS");
        dao.insert(car);
        assertThat(dao.find("DAO-1")).contains(car);

        Car changed = new Car("DAO-1", "Fiat", "Panda Cross", CarCategory.COMPACT, new BigDecimal("29.10"), "BCN");
        assertThat(dao.update(changed)).isEqualTo(1);
        assertThat(dao.find("DAO-1")).contains(changed);

        assertThat(dao.delete("DAO-1")).isEqualTo(1);
        assertThat(dao.find("DAO-1")).isEmpty();
        assertThat(dao.delete("DAO-1")).isZero();
        assertThat(dao.update(changed)).isZero();
    }

    @Test
    void duplicateIdIsRecognisedAsAUniqueViolation() {
        Car car = new Car("DAO-DUP", "Opel", "Corsa", CarCategory.ECONOMY, new BigDecimal("26.00"), "MAD");
        dao.insert(car);
        assertThatThrownBy(() -> dao.insert(car)).satisfies(e -> assertThat(Databases.isUniqueViolation(e)).isTrue());
    }
}
