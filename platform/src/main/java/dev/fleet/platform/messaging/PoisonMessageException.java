package dev.fleet.platform.messaging;

/**
 * A message that can never be handled, whatever the number of retries (not JSON, unknown type, schema violation):
 * consumers dead-letter it at once with this message as the reason, so it never blocks a partition or queue.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }
}
