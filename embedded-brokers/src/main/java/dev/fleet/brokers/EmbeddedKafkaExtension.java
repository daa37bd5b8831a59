package dev.fleet.brokers;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * A broker for one test class: {@code @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();}
 * starts before the first test and stops (deleting its temporary data) after the last. Tests may stop, start and
 * restart it through {@link #kafka()}.
 */
public class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private final EmbeddedKafka kafka;

    public EmbeddedKafkaExtension() {
        this(new EmbeddedKafka());
    }

    public EmbeddedKafkaExtension(int port, Path dataDir, Map<String, String> overrides) {
        this(new EmbeddedKafka(port, dataDir, overrides));
    }

    private EmbeddedKafkaExtension(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.stop();
    }
}
