package dev.fleet.notifications.internal;

import dev.fleet.platform.ids.Ids;
import dev.fleet.platform.validation.TextField;

import java.util.regex.Pattern;

/**
 * The limits of every notifications input, each stated once (docs/api-limits.md lists them for clients): the query
 * of GET /api/notifications and the fields of the reservation events it handles.
 */
final class NotificationFields {

    /** The query parameter of GET /api/notifications, and an event's customer. */
    static final TextField CUSTOMER_ID = TextField.shaped("customerId", "notifications.customer_id", 36, Ids.ID, "1-36 letters, digits or '-'");
    static final TextField RESERVATION_ID = TextField.shaped("reservationId", "notifications.reservation_id", 36, Ids.ID, "1-36 letters, digits or '-'");
    /** The delivered message's id (the envelope's eventId), recorded to recognise a redelivery. */
    static final TextField MESSAGE_ID = TextField.shaped("messageId", "notification_processed_messages.message_id", 64,
            Pattern.compile("[A-Za-z0-9._:-]{1,64}"), "1-64 letters, digits or '._:-'");

    private NotificationFields() {
    }
}
