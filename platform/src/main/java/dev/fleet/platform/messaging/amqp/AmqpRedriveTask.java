package dev.fleet.platform.messaging.amqp;

import dev.fleet.platform.ops.TaskParameters;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.ops.JsonTaskServlet;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.tasks.Task;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admin task {@code POST /tasks/amqp-redrive?queue=fleet.billing.charges.dlq&max=100}: moves up to {@code max}
 * (default 100, at most 10000) dead letters back to their original queue ({@code fleet-original-destination}),
 * without the failure headers, and prints how many went where. Each message is acked in the DLQ only after the
 * broker confirmed the copy. Bad parameters (unknown, not a {@code .dlq} queue, no such queue) answer 400.
 */
public class AmqpRedriveTask extends Task {

    public static final String NAME = "amqp-redrive";
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.dlq");
    private static final Set<String> PARAMETERS = Set.of("queue", "max");
    private static final int MAX = 10_000;

    private final AmqpConnection connection;

    public AmqpRedriveTask(AmqpConnection connection) {
        super(NAME);
        this.connection = connection;
    }

    /** Registers the task and the servlet that turns bad parameters into 400 (not TaskServlet's 500). */
    public static AmqpRedriveTask register(Environment environment, AmqpConnection connection) {
        AmqpRedriveTask task = new AmqpRedriveTask(connection);
        JsonTaskServlet.register(environment, task);
        return task;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (expected queue, max)");
            }
        }
        String queue = TaskParameters.single(parameters, "queue");
        if (queue == null || !QUEUE.matcher(queue).matches()) {
            throw new IllegalArgumentException("queue must name a dead-letter queue ending in .dlq, got '" + queue + "'");
        }
        String maxText = TaskParameters.single(parameters, "max");
        int max;
        try {
            max = maxText == null ? 100 : Integer.parseInt(maxText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max must be a whole number between 1 and " + MAX + ", got '" + maxText + "'");
        }
        if (max < 1 || max > MAX) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX + ", got " + max);
        }
        if (!exists(queue)) {
            throw new IllegalArgumentException("no queue '" + queue + "'");
        }
        Map<String, Integer> moved = redrive(queue, max);
        int total = moved.values().stream().mapToInt(Integer::intValue).sum();
        output.println("moved " + total + " message(s) from " + queue + (moved.isEmpty() ? "" : ": " + moved));
    }

    /** Moves up to {@code max} messages; returns how many went to each queue. */
    public Map<String, Integer> redrive(String deadLetterQueue, int max) throws Exception {
        String fallback = deadLetterQueue.substring(0, deadLetterQueue.length() - ".dlq".length());
        Map<String, Integer> moved = new LinkedHashMap<>();
        Map<String, Boolean> known = new LinkedHashMap<>();
        Channel channel = connection.createChannel();
        try (ConfirmingPublisher publisher = new ConfirmingPublisher(connection, Duration.ofSeconds(5))) {
            for (int i = 0; i < max; i++) {
                GetResponse response = channel.basicGet(deadLetterQueue, false);
                if (response == null) {
                    break;
                }
                Map<String, Object> headers = AmqpCommandConsumer.headers(response.getProps());
                String original = AmqpCommandConsumer.string(headers.get(MessageHeaders.ORIGINAL_DESTINATION));
                String target = original == null ? fallback : original;
                if (!known.computeIfAbsent(target, this::existsUnchecked)) {
                    channel.basicReject(response.getEnvelope().getDeliveryTag(), true);
                    throw new IllegalArgumentException("original queue '" + target + "' of a message in " + deadLetterQueue + " does not exist");
                }
                headers.remove(MessageHeaders.FAILURE_REASON);
                headers.remove(MessageHeaders.FAILURE_ATTEMPTS);
                headers.remove(MessageHeaders.ORIGINAL_DESTINATION);
                headers.remove(AmqpCommandConsumer.RETRY_AT);
                AMQP.BasicProperties properties = response.getProps().builder().headers(headers).build();
                publisher.publish(target, properties, response.getBody());
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                moved.merge(target, 1, Integer::sum);
            }
        } finally {
            if (channel.isOpen()) {
                channel.close(); // unacked messages (none unless failing) return to the DLQ
            }
        }
        return moved;
    }

    private boolean existsUnchecked(String queue) {
        try {
            return exists(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A passive declare closes its channel when the queue is missing: use a throwaway channel. */
    private boolean exists(String queue) throws IOException {
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException missing) {
            return false;
        } finally {
            try {
                if (probe.isOpen()) {
                    probe.close();
                }
            } catch (Exception ignored) {
                // closed by the broker
            }
        }
    }
}
