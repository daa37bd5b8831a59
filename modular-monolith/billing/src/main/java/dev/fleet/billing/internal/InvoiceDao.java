package dev.fleet.billing.internal;

import dev.fleet.billing.api.Invoice;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;

@RegisterConstructorMapper(Invoice.class)
public interface InvoiceDao {

    @SqlUpdate("INSERT INTO billing_processed_messages (message_id, processed_at) VALUES (:messageId, :now)")
    void recordMessage(@Bind("messageId") String messageId, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM invoices WHERE reservation_id = ?")
    int countFor(String reservationId);

    @SqlUpdate("INSERT INTO invoices (id, reservation_id, customer_id, amount, currency, status, issued_at)"
            + " VALUES (:i.id, :i.reservationId, :customerId, :i.amount, :i.currency, :i.status, :now)")
    void insert(@BindMethods("i") Invoice invoice, @Bind("customerId") String customerId, @Bind("now") Instant now);

    @SqlQuery("SELECT id, reservation_id, amount, currency, status FROM invoices WHERE reservation_id = ? ORDER BY issued_at, id")
    List<Invoice> findFor(String reservationId);
}
