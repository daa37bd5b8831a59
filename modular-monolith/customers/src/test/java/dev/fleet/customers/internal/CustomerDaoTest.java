package dev.fleet.customers.internal;

import dev.fleet.customers.api.Customer;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The customers table on H2, or on PostgreSQL when FLEET_IT_POSTGRES is set. */
class CustomerDaoTest {

    static final TestDatabase DB = TestDatabase.migrated("db/customers/changelog.xml");
    final CustomerDao dao = DB.jdbi().onDemand(CustomerDao.class);

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void seedsCustomersWithFixedIdsInRegistrationOrder() {
        assertThat(dao.find("c0000000-0000-4000-8000-000000000001"))
                .contains(new Customer("c0000000-0000-4000-8000-000000000001", "Ada Lovelace", "ada@example.com", "ADA-1815"));
        assertThat(dao.list().subList(0, 3)).extracting(Customer::name).containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
    }

    @Test
    void insertsAndFindsByIdEmailAndLicence() {
        Customer customer = new Customer(UUID.randomUUID().toString(), "Edsger Dijkstra", "edsger@example.nl", "EWD-1930");
        dao.insert(customer);
        assertThat(dao.find(customer.id())).contains(customer);
        assertThat(dao.findByEmail("edsger@example.nl")).contains(customer);
        assertThat(dao.findByLicenceNumber("EWD-1930")).contains(customer);
        assertThat(dao.list()).last().isEqualTo(customer);
        assertThat(dao.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void emailAndLicenceNumberAreUnique() {
        int before = dao.count();
        assertThatThrownBy(() -> dao.insert(new Customer(UUID.randomUUID().toString(), "Copy", "ada@example.com", "OTHER-123")))
                .satisfies(e -> assertThat(Databases.isUniqueViolation(e)).isTrue());
        assertThatThrownBy(() -> dao.insert(new Customer(UUID.randomUUID().toString(), "Copy", "other@example.com", "ADA-1815")))
                .satisfies(e -> assertThat(Databases.isUniqueViolation(e)).isTrue());
        assertThat(dao.count()).isEqualTo(before);
    }
}
