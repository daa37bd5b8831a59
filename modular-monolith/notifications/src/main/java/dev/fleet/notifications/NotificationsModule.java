package dev.fleet.notifications;

import dev.fleet.notifications.api.Notifications;
import dev.fleet.notifications.internal.NotificationResource;
import dev.fleet.notifications.internal.NotificationService;
import dev.fleet.platform.module.FleetModule;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/** The notifications bounded context: exactly one notification per reservation event. */
public class NotificationsModule implements FleetModule {

    private final NotificationService notifications;

    public NotificationsModule(Jdbi jdbi, Clock clock) {
        this.notifications = new NotificationService(jdbi, clock);
    }

    public Notifications notifications() {
        return notifications;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public String changelog() {
        return "db/notifications/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new NotificationResource(notifications));
    }
}
