package dev.fleet.notifications.internal;

import dev.fleet.notifications.api.Notification;
import dev.fleet.notifications.api.Notifications;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** GET /api/notifications?customerId=… (from this app's notifications, or from notification-service in remote mode). */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final Notifications notifications;

    public NotificationResource(Notifications notifications) {
        this.notifications = notifications;
    }

    @GET
    public List<Notification> list(@QueryParam("customerId") String customerId) {
        return notifications.forCustomer(customerId);
    }
}
