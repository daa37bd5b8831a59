package dev.fleet.platform.messaging;

/** Header names Fleet sets on Kafka records and AMQP messages. */
public final class MessageHeaders {

    /** The request that caused the message (from the outbox row), for logs across services. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** The envelope type, so a consumer can route without parsing the body. */
    public static final String TYPE = "fleet-type";
    /** On a dead-lettered message: why it was dead-lettered. */
    public static final String FAILURE_REASON = "fleet-failure-reason";
    /** On a dead-lettered message: how many delivery attempts failed. */
    public static final String FAILURE_ATTEMPTS = "fleet-failure-attempts";
    /** On a dead-lettered message: where it came from (topic or queue), for re-driving. */
    public static final String ORIGINAL_DESTINATION = "fleet-original-destination";

    private MessageHeaders() {
    }
}
