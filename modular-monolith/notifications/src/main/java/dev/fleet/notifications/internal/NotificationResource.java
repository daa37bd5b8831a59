package dev.fleet.notifications.internal;

import dev.fleet.notifications.api.Notification;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** GET /api/notifications?customerId=… */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;

    public NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    public List<Notification> list(@QueryParam("customerId") String customerId) {
        return notifications.forCustomer(customerId);
    }
}
