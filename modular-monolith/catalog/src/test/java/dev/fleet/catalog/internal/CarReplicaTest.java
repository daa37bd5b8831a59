package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A copy of the catalog: events apply only when newer, a sync makes it equal in one transaction. */
class CarReplicaTest {

    final TestDatabase db = TestDatabase.migrated("db/catalog/changelog.xml");
    final Jdbi jdbi = db.jdbi();
    final CarReplica replica = new CarReplica(jdbi);
    final CarDao cars = jdbi.onDemand(CarDao.class);

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    static Car car(String id, String model, String rate) {
        return new Car(id, "Seat", model, CarCategory.COMPACT, new BigDecimal(rate), "MAD");
    }

    @Test
    void appliesNewerChangesAndSkipsDuplicatesAndOlderOnes() {
        assertThat(replica.apply(CarChanged.upserted(car("R-1", "Leon", "40.00"), 5))).isTrue();
        assertThat(replica.apply(CarChanged.upserted(car("R-1", "Leon ST", "41.00"), 9))).isTrue();
        assertThat(replica.apply(CarChanged.upserted(car("R-1", "Leon ST", "41.00"), 9))).as("duplicate").isFalse();
        assertThat(replica.apply(CarChanged.upserted(car("R-1", "Leon", "40.00"), 5))).as("redelivered old one").isFalse();
        assertThat(cars.find("R-1")).contains(car("R-1", "Leon ST", "41.00"));
        assertThat(replica.sequenceOf("R-1")).hasValue(9);
    }

    @Test
    void aDeletedCarIsNotBroughtBackByAnOlderUpsertButIsByANewerOne() {
        replica.apply(CarChanged.upserted(car("R-2", "Ibiza", "29.00"), 3));
        assertThat(replica.apply(CarChanged.deleted("R-2", 4))).isTrue();
        assertThat(replica.apply(CarChanged.upserted(car("R-2", "Ibiza", "29.00"), 3))).isFalse();
        assertThat(cars.find("R-2")).isEmpty();

        assertThat(replica.apply(CarChanged.upserted(car("R-2", "Ibiza FR", "31.00"), 12))).as("created again").isTrue();
        assertThat(cars.find("R-2")).contains(car("R-2", "Ibiza FR", "31.00"));
        assertThat(replica.apply(CarChanged.deleted("R-3", 2))).as("deleting an unknown car is fine").isTrue();
    }

    @Test
    void syncCopiesUpdatesAndRemovesAndCountsEach() {
        List<Car> snapshot = new ArrayList<>(cars.list());
        Car first = snapshot.remove(0); // the source no longer has it
        Car second = snapshot.get(0);
        snapshot.set(0, new Car(second.id(), second.manufacturer(), second.model() + " (new)", second.category(),
                second.dailyRate(), second.location()));
        snapshot.add(car("R-NEW", "Arona", "45.00"));

        CarReplica.SyncResult result = replica.replaceAll(snapshot, OptionalLong.empty());

        assertThat(result).isEqualTo(new CarReplica.SyncResult(1, 1, 1, snapshot.size() - 2, 0));
        assertThat(cars.list()).containsExactlyInAnyOrderElementsOf(snapshot);
        assertThat(cars.find(first.id())).isEmpty();
        assertThat(replica.sequenceOf("R-NEW")).as("no watermark: nothing marked").isEmpty();
        assertThat(replica.replaceAll(snapshot, OptionalLong.empty())).as("a second run changes nothing")
                .isEqualTo(new CarReplica.SyncResult(0, 0, 0, snapshot.size(), 0));
    }

    @Test
    void withAWatermarkOlderEventsAreSkippedAfterwardsAndNewerStateIsKept() {
        replica.apply(CarChanged.upserted(car("R-KEEP", "Newer", "50.00"), 30)); // applied while the snapshot was read
        List<Car> snapshot = List.of(car("R-OLD", "Leon", "40.00"), car("R-KEEP", "Older", "45.00"));

        CarReplica.SyncResult result = replica.replaceAll(snapshot, OptionalLong.of(20));

        assertThat(result.copied()).isEqualTo(1);
        assertThat(result.keptNewer()).isEqualTo(1);
        assertThat(result.removed()).as("the seeded cars").isGreaterThanOrEqualTo(20);
        assertThat(cars.find("R-KEEP")).map(Car::model).contains("Newer");
        assertThat(replica.sequenceOf("R-OLD")).hasValue(20);
        assertThat(replica.sequenceOf("0345391802")).as("a removed car is remembered").hasValue(20);
        assertThat(replica.apply(CarChanged.upserted(car("R-OLD", "Leon (older)", "39.00"), 18))).isFalse();
        assertThat(replica.apply(CarChanged.upserted(car("0345391802", "Galaxy", "59.00"), 19))).isFalse();
        assertThat(cars.find("0345391802")).isEmpty();
        assertThat(replica.apply(CarChanged.upserted(car("R-OLD", "Leon (newer)", "41.00"), 21))).isTrue();
        assertThat(cars.find("R-OLD")).map(Car::model).contains("Leon (newer)");
    }

    @Test
    void anInvalidSnapshotIsRefusedWholeNamingEachProblem() {
        List<Car> before = cars.list();
        List<Car> snapshot = List.of(car("R-A", "Leon", "40.00"), car("R-A", "Leon twice", "40.00"),
                new Car("R-B", null, "X", CarCategory.SUV, new BigDecimal("-1.00"), "Madrid"));
        assertThatThrownBy(() -> replica.replaceAll(snapshot, OptionalLong.of(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing written")
                .hasMessageContaining("car #2: id R-A appears twice")
                .hasMessageContaining("car #3 (R-B): manufacturer is required")
                .hasMessageContaining("dailyRate")
                .hasMessageContaining("location");
        assertThat(cars.list()).isEqualTo(before);
    }

    @Test
    void aSyncFailingHalfWayWritesNothing() {
        List<Car> before = cars.list();
        // valid by the rules, but too large for the column: the database fails after R-A was inserted
        List<Car> snapshot = List.of(car("R-A", "Leon", "40.00"), car("R-B", "Huge", "1000000000000.00"));
        assertThatThrownBy(() -> replica.replaceAll(snapshot, OptionalLong.of(7))).isInstanceOf(RuntimeException.class);
        assertThat(cars.list()).isEqualTo(before);
        assertThat(cars.find("R-A")).isEqualTo(Optional.empty());
        assertThat(replica.sequenceOf("R-A")).isEmpty();
    }
}
