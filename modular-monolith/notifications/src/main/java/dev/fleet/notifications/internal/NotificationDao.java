package dev.fleet.notifications.internal;

import dev.fleet.notifications.api.Notification;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;

@RegisterConstructorMapper(Notification.class)
public interface NotificationDao {

    @SqlUpdate("INSERT INTO notification_processed_messages (message_id, processed_at) VALUES (:messageId, :now)")
    void recordMessage(@Bind("messageId") String messageId, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM notifications WHERE reservation_id = :reservationId AND type = :type")
    int count(@Bind("reservationId") String reservationId, @Bind("type") String type);

    @SqlUpdate("INSERT INTO notifications (id, customer_id, reservation_id, type, sent_at)"
            + " VALUES (:id, :customerId, :reservationId, :type, :sentAt)")
    void insert(@BindMethods Notification notification);

    @SqlQuery("SELECT id, customer_id, reservation_id, type, sent_at FROM notifications WHERE customer_id = ? ORDER BY sent_at, id")
    List<Notification> forCustomer(String customerId);
}
