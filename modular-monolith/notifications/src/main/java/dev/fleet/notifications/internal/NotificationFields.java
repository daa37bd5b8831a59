package dev.fleet.notifications.internal;

import dev.fleet.platform.ids.Ids;
import dev.fleet.platform.validation.TextField;

/** The limits of every notifications input, each stated once (docs/api-limits.md lists them for clients). */
final class NotificationFields {

    /** The query parameter of GET /api/notifications. */
    static final TextField CUSTOMER_ID = TextField.shaped("customerId", "notifications.customer_id", 36, Ids.ID, "1-36 letters, digits or '-'");

    private NotificationFields() {
    }
}
