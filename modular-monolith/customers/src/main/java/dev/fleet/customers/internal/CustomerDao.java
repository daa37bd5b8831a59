package dev.fleet.customers.internal;

import dev.fleet.customers.api.Customer;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(Customer.class)
public interface CustomerDao {

    String COLUMNS = "id, name, email, licence_number";

    /** In registration order; the id breaks ties between rows created in the same instant. */
    @SqlQuery("SELECT " + COLUMNS + " FROM customers ORDER BY created_at, id")
    List<Customer> list();

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE id = ?")
    Optional<Customer> find(String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE email = ?")
    Optional<Customer> findByEmail(String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE licence_number = ?")
    Optional<Customer> findByLicenceNumber(String licenceNumber);

    /** created_at is the database's clock (column default). */
    @SqlUpdate("INSERT INTO customers (" + COLUMNS + ") VALUES (:id, :name, :email, :licenceNumber)")
    void insert(@BindMethods Customer customer);

    @SqlQuery("SELECT COUNT(*) FROM customers")
    int count();
}
