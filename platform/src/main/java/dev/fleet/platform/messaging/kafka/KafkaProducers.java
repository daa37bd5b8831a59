package dev.fleet.platform.messaging.kafka;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.kafka.BasicKafkaProducerFactory;
import io.dropwizard.kafka.serializer.ByteArraySerializerFactory;
import io.dropwizard.kafka.serializer.StringSerializerFactory;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Builds Fleet's producer ({@code String} key = aggregate id, {@code byte[]} value = envelope) with dropwizard-kafka's
 * {@link BasicKafkaProducerFactory}: it is closed on stop (Managed) and has the health check
 * {@code <name>} (the topics' partitions can be fetched). {@code acks=all}, idempotence on, short timeouts.
 */
public final class KafkaProducers {

    private KafkaProducers() {
    }

    /** The producer registered with the app's lifecycle and health checks as {@code kafka-producer}. */
    public static Producer<String, byte[]> build(KafkaSettings settings, Environment environment, Collection<String> topics) {
        return build(settings, environment.lifecycle(), environment.healthChecks(), topics);
    }

    public static Producer<String, byte[]> build(KafkaSettings settings, LifecycleEnvironment lifecycle,
                                                 HealthCheckRegistry healthChecks, Collection<String> topics) {
        if (settings.getDeliveryTimeout().toMilliseconds() < settings.getRequestTimeout().toMilliseconds()) {
            throw new IllegalArgumentException("kafka deliveryTimeout must be at least requestTimeout");
        }
        BasicKafkaProducerFactory<String, byte[]> factory = new BasicKafkaProducerFactory<>();
        factory.setName("kafka-producer");
        factory.setBootstrapServers(settings.bootstrapServerSet());
        factory.setClientId(Optional.of(settings.getClientId()));
        factory.setKeySerializer(new StringSerializerFactory());
        factory.setValueSerializer(new ByteArraySerializerFactory());
        factory.setAcks(Optional.of("all"));
        factory.setEnableIdempotence(true);
        factory.setRequestTimeout(settings.getRequestTimeout());
        factory.setMaxPollBlockTime(Optional.of(settings.getMaxBlock())); // max.block.ms
        factory.setLinger(Duration.milliseconds(0));
        factory.setCompressionType("none");
        // its reporter writes to a JVM-wide SharedMetricRegistries entry, not the app's registry: Fleet meters its own
        factory.setMetricsEnabled(false);
        return factory.build(lifecycle, healthChecks, topics, null, Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.getDeliveryTimeout().toMilliseconds()));
    }
}
