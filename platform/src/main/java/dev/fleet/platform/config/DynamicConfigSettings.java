package dev.fleet.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code config:} block: the app's local dynamic sources (Consul KV is on when {@code consul.url} is set).
 * <pre>
 * config:
 *   properties: ${FLEET_CONFIG_FILE:-none}   # a local properties file, re-read when it changes; optional
 *   reloadInterval: 2s                       # how often the file is checked for changes
 *   defaults:                                # startup values: the lowest dynamic source
 *     hystrix.command.default.circuitBreaker.requestVolumeThreshold: "20"
 * </pre>
 * See docs/configuration.md for the sources and their precedence.
 */
public class DynamicConfigSettings {
    @NotNull
    @JsonProperty
    private String properties = "none";

    @NotNull
    @JsonProperty
    private Duration reloadInterval = Duration.seconds(2);

    /** How long startup waits for the first Consul KV answer before it goes on without it. */
    @NotNull
    @JsonProperty
    private Duration consulWait = Duration.seconds(5);

    @NotNull
    @JsonProperty
    private Map<String, @NotNull String> defaults = new LinkedHashMap<>();

    /** The properties file, or empty when {@code properties} is blank or {@code none}. */
    public Optional<Path> propertiesFile() {
        if (properties == null || properties.isBlank() || "none".equals(properties.trim())) {
            return Optional.empty();
        }
        return Optional.of(Paths.get(properties.trim()));
    }

    public DynamicConfigSettings withProperties(String value) {
        properties = value;
        return this;
    }

    public DynamicConfigSettings withReloadInterval(Duration value) {
        reloadInterval = value;
        return this;
    }

    public DynamicConfigSettings withDefaults(Map<String, String> values) {
        defaults = new LinkedHashMap<>(values);
        return this;
    }

    public Duration reloadInterval() {
        return reloadInterval;
    }

    public Duration consulWait() {
        return consulWait;
    }

    public Map<String, String> defaults() {
        return defaults;
    }
}
