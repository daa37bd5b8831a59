package dev.fleet.notifications.internal;

import dev.fleet.platform.validation.TextField;

/**
 * The limits of every notifications input, each stated once (docs/api-limits.md lists them for clients): the query
 * of GET /api/notifications and the fields of the reservation events it handles.
 */
final class NotificationFields {

    /** The query parameter of GET /api/notifications, and an event's customer. */
    static final TextField CUSTOMER_ID = TextField.id("customerId", "notifications.customer_id");
    static final TextField RESERVATION_ID = TextField.id("reservationId", "notifications.reservation_id");
    /** The delivered message's id (the envelope's eventId), recorded to recognise a redelivery. */
    static final TextField MESSAGE_ID = TextField.token("messageId", "notification_processed_messages.message_id");

    private NotificationFields() {
    }
}
