package dev.fleet.services.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** catalog-service's settings (config.yml gives each a default an environment variable overrides). */
public class CatalogServiceConfiguration extends FleetAppConfiguration {

    /** The {@code catalog} block: {@code source: self | monolith} ({@code FLEET_CATALOG_SOURCE}). */
    public static class CatalogSettings {
        @NotNull
        @JsonProperty
        private CatalogSource source = CatalogSource.SELF;

        public CatalogSource source() {
            return source;
        }
    }

    @Valid
    @NotNull
    @JsonProperty
    private CatalogSettings catalog = new CatalogSettings();

    /** Kafka, where the monolith's CarChanged events arrive; {@code bootstrapServers: none} (the default) means no broker. */
    @Valid
    @NotNull
    @JsonProperty
    private KafkaSettings kafka = new KafkaSettings(FleetApp.NO_BROKER);

    public CatalogSettings getCatalog() {
        return catalog;
    }

    public KafkaSettings getKafka() {
        return kafka;
    }
}
