package dev.fleet.platform.messaging.kafka;

import dev.fleet.platform.messaging.MessageHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Naming and headers of dead-letter topics: {@code <topic>.dlt}. */
public final class DeadLetters {

    public static final String SUFFIX = ".dlt";
    static final Set<String> FAILURE_HEADERS = Set.of(MessageHeaders.FAILURE_REASON, MessageHeaders.FAILURE_ATTEMPTS,
            MessageHeaders.ORIGINAL_DESTINATION);
    private static final int MAX_REASON = 1000;

    private DeadLetters() {
    }

    public static String topicOf(String topic) {
        return topic + SUFFIX;
    }

    /** The original headers (without earlier failure headers) plus why, after how many attempts, and where from. */
    static Headers deadLetterHeaders(Headers original, String reason, int attempts, String origin) {
        Headers headers = withoutFailureHeaders(original);
        String text = reason == null ? "unknown" : reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        headers.add(MessageHeaders.FAILURE_REASON, text.getBytes(StandardCharsets.UTF_8));
        headers.add(MessageHeaders.FAILURE_ATTEMPTS, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        headers.add(MessageHeaders.ORIGINAL_DESTINATION, origin.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static Headers withoutFailureHeaders(Headers original) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            if (!FAILURE_HEADERS.contains(header.key())) {
                headers.add(header);
            }
        }
        return headers;
    }

    static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
