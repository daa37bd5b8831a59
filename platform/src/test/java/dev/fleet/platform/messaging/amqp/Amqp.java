package dev.fleet.platform.messaging.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.dropwizard.jackson.Jackson;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Test helpers: a plain client connection, unique queue names, waiting. */
final class Amqp {
    static final ObjectMapper JSON = Jackson.newObjectMapper();

    private Amqp() {
    }

    static String uniqueQueue(String prefix) {
        return "test." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    static Connection connect(URI uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory.newConnection("test-client");
    }

    static void publish(Channel channel, String queue, String body, String type, String requestId) throws Exception {
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
                .messageId(UUID.randomUUID().toString());
        java.util.Map<String, Object> headers = new java.util.HashMap<>();
        if (type != null) {
            headers.put("fleet-type", type);
        }
        if (requestId != null) {
            headers.put("X-Request-Id", requestId);
        }
        channel.basicPublish("", queue, properties.headers(headers).build(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String envelope(String type, String payload) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"version\":1,"
                + "\"occurredAt\":\"2030-01-01T10:00:00Z\",\"aggregateId\":\"agg-1\",\"payload\":" + payload + "}";
    }

    /** Reads (and acks) every message currently in the queue. */
    static List<GetResponse> drain(Channel channel, String queue) throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            messages.add(response);
        }
        return messages;
    }

    static long count(Channel channel, String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static BooleanSupplier unchecked(Check check) {
        return () -> {
            try {
                return check.ok();
            } catch (Exception e) {
                return false;
            }
        };
    }
}
