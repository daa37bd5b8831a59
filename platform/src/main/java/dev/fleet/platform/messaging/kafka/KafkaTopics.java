package dev.fleet.platform.messaging.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates Fleet's topics and their dead-letter topics when absent (an app calls it once at start). */
public final class KafkaTopics {

    public static final String RESERVATIONS = "fleet.reservations";
    public static final String CATALOG = "fleet.catalog";
    public static final List<String> FLEET = List.of(RESERVATIONS, CATALOG);

    private KafkaTopics() {
    }

    /** Creates each topic and its {@code .dlt} that does not exist yet; returns the names it created. */
    public static List<String> ensure(KafkaSettings settings, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.getBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.getRequestTimeout().toMilliseconds(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            return ensure(admin, topics, settings.getPartitions(), settings.getReplicationFactor());
        }
    }

    public static List<String> ensure(Admin admin, List<String> topics, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Set<String> wanted = new HashSet<>();
            for (String topic : topics) {
                for (String name : List.of(topic, DeadLetters.topicOf(topic))) {
                    if (!existing.contains(name) && wanted.add(name)) {
                        missing.add(new NewTopic(name, partitions, replicationFactor));
                    }
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(20, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another instance won the race: fine; anything else is not
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topics " + topics + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }
}
