package dev.fleet.platform.messaging.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Kafka settings of a Fleet app (a YAML block, e.g. {@code kafka: {bootstrapServers: ${FLEET_KAFKA_BOOTSTRAP:-127.0.0.1:9092}}}).
 * The timeouts are short on purpose: with the broker down a publish fails within seconds
 * ({@code maxBlock} without metadata, {@code deliveryTimeout} with it) and the outbox row stays pending.
 */
public class KafkaSettings {

    /** Comma-separated {@code host:port} list. */
    @NotBlank
    @JsonProperty
    private String bootstrapServers = "127.0.0.1:9092";

    @NotBlank
    @JsonProperty
    private String clientId = "fleet";

    @NotNull
    @JsonProperty
    private Duration requestTimeout = Duration.seconds(2);

    /** Upper bound for a send, retries included; must be at least {@code requestTimeout}. */
    @NotNull
    @JsonProperty
    private Duration deliveryTimeout = Duration.seconds(5);

    /** How long a send may wait for metadata (an unreachable broker) or buffer space. */
    @NotNull
    @JsonProperty
    private Duration maxBlock = Duration.seconds(3);

    /** The Hystrix timeout of one publish; longer than {@code maxBlock + deliveryTimeout} so Kafka's own error wins. */
    @NotNull
    @JsonProperty
    private Duration publishTimeout = Duration.seconds(10);

    /** Threads of the {@code kafka} Hystrix thread pool. */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int publishThreads = 4;

    /** Partitions of the topics {@link KafkaTopics} creates. */
    @Min(1)
    @JsonProperty
    private int partitions = 3;

    /** 1 for a local single broker; 3 in production. */
    @Min(1)
    @JsonProperty
    private short replicationFactor = 1;

    public KafkaSettings() {
    }

    public KafkaSettings(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public Set<String> bootstrapServerSet() {
        Set<String> servers = new LinkedHashSet<>();
        Arrays.stream(bootstrapServers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(servers::add);
        return servers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getDeliveryTimeout() {
        return deliveryTimeout;
    }

    public void setDeliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    public Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(Duration maxBlock) {
        this.maxBlock = maxBlock;
    }

    public Duration getPublishTimeout() {
        return publishTimeout;
    }

    public void setPublishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
    }

    public int getPublishThreads() {
        return publishThreads;
    }

    public void setPublishThreads(int publishThreads) {
        this.publishThreads = publishThreads;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }
}
