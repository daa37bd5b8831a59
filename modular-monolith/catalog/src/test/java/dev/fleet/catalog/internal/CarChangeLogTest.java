package dev.fleet.catalog.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.catalog.CatalogModule;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's writes and their CarChanged events: one outbox row per committed change, none otherwise. */
class CarChangeLogTest {

    static final TestDatabase DB = TestDatabase.migrated("db/catalog/changelog.xml");
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    final Jdbi jdbi = DB.jdbi();
    final CarService publishing = new CarService(jdbi, CarChangeLog.into(CatalogModule.OUTBOX, JSON, Clock.systemUTC()));

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void eachWriteAppendsOneCarChangedInItsTransactionNumberedInOrder() throws Exception {
        long before = publishing.changeSequence().orElseThrow();

        publishing.create(new CarRequest("CHG-1", "Fiat", "Panda", "ECONOMY", new BigDecimal("24.5"), "LIS"));
        publishing.replace("CHG-1", new CarRequest(null, null, "Panda Cross", null, null, null));
        publishing.delete("CHG-1");

        List<CarChanged> events = eventsOf("CHG-1");
        assertThat(events).extracting(CarChanged::change)
                .containsExactly(CarChanged.Change.UPSERTED, CarChanged.Change.UPSERTED, CarChanged.Change.DELETED);
        assertThat(events).extracting(CarChanged::sequence).containsExactly(before + 1, before + 2, before + 3);
        assertThat(events.get(0).car()).isEqualTo(new Car("CHG-1", "Fiat", "Panda", CarCategory.ECONOMY, new BigDecimal("24.50"), "LIS"));
        assertThat(events.get(1).car().model()).isEqualTo("Panda Cross");
        assertThat(events.get(2).car()).isNull();
        assertThat(publishing.changeSequence()).hasValue(before + 3);
        assertThat(payloadsOf("CHG-1").get(0)).as("money keeps its scale in the payload").contains("\"dailyRate\":24.50");
    }

    @Test
    void aRefusedWriteAppendsNothing() throws Exception {
        long before = publishing.changeSequence().orElseThrow();
        assertThatThrownBy(() -> publishing.create(new CarRequest("0345391802", "Fake", "Car", null, null, null)))
                .isInstanceOf(ApiException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> publishing.replace("CHG-GHOST", new CarRequest(null, "A", "B", null, null, null)))
                .isInstanceOf(ApiException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> publishing.delete("CHG-GHOST")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> publishing.create(new CarRequest("CHG-BAD", null, "B", null, null, null)))
                .isInstanceOf(ApiException.class);

        assertThat(eventsOf("0345391802")).isEmpty();
        assertThat(eventsOf("CHG-GHOST")).isEmpty();
        assertThat(eventsOf("CHG-BAD")).isEmpty();
        assertThat(publishing.changeSequence()).hasValue(before);
    }

    @Test
    void aCatalogThatPublishesNothingWritesNoOutboxRowsAndSendsNoSequence() throws Exception {
        CarService standalone = new CarService(jdbi, CarChangeLog.none());
        standalone.create(new CarRequest("CHG-QUIET", "Opel", "Corsa", null, null, null));
        standalone.delete("CHG-QUIET");
        assertThat(eventsOf("CHG-QUIET")).isEmpty();
        assertThat(standalone.changeSequence()).isEmpty();
    }

    private List<String> payloadsOf(String carId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload FROM catalog_outbox WHERE aggregate_id = ? AND type = ?"
                        + " AND destination = ? ORDER BY seq")
                .bind(0, carId).bind(1, CarChanged.TYPE).bind(2, CarChanged.TOPIC).mapTo(String.class).list());
    }

    private List<CarChanged> eventsOf(String carId) throws Exception {
        List<CarChanged> events = new java.util.ArrayList<>();
        for (String payload : payloadsOf(carId)) {
            events.add(JSON.readValue(payload, CarChanged.class));
        }
        return events;
    }
}
