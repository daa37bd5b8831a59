package dev.fleet.platform.config;

import com.netflix.config.ConcurrentCompositeConfiguration;
import com.netflix.config.ConfigurationManager;
import org.apache.commons.configuration.AbstractConfiguration;

import java.util.EnumMap;
import java.util.Map;

/**
 * The Fleet part of the JVM-global Archaius configuration (what Hystrix reads its properties from), installed once
 * per JVM in front of Archaius's own sources (classpath config.properties, system properties, environment):
 * <ol>
 *   <li>{@link Tier#CONSUL_APP} Consul KV {@code fleet/config/<app>/}</li>
 *   <li>{@link Tier#CONSUL_SHARED} Consul KV {@code fleet/config/shared/}</li>
 *   <li>{@link Tier#FILE} the local properties file ({@code config.properties}, {@code FLEET_CONFIG_FILE})</li>
 *   <li>{@link Tier#STARTUP} the app's startup values ({@code config.defaults})</li>
 * </ol>
 * Each running app adds one {@link PropertyLayer} per tier and removes them when it stops. Several apps in one JVM
 * (tests) share one property space: any app's KV value beats any app's file value.
 */
public final class DynamicConfig {
    /** The sources, highest priority first. */
    public enum Tier { CONSUL_APP, CONSUL_SHARED, FILE, STARTUP }

    private static Map<Tier, ConcurrentCompositeConfiguration> tiers;

    private DynamicConfig() {
    }

    /** Adds {@code layer} to its tier (after the layers of apps started before), installing the tiers first. */
    static synchronized void add(Tier tier, String name, PropertyLayer layer) {
        install().get(tier).addConfiguration(layer, name);
    }

    /** Clears {@code layer} (dynamic properties fall back to the next source) and takes it out of its tier. */
    static synchronized void remove(Tier tier, PropertyLayer layer) {
        layer.clearAll();
        install().get(tier).removeConfiguration(layer);
    }

    private static Map<Tier, ConcurrentCompositeConfiguration> install() {
        if (tiers != null) {
            return tiers;
        }
        AbstractConfiguration root = ConfigurationManager.getConfigInstance();
        if (!(root instanceof ConcurrentCompositeConfiguration composite)) {
            throw new IllegalStateException("Archaius was configured with a " + root.getClass().getName()
                    + ", not its default composite configuration: Fleet's dynamic configuration cannot join it");
        }
        ConcurrentCompositeConfiguration fleet = new ConcurrentCompositeConfiguration();
        Map<Tier, ConcurrentCompositeConfiguration> created = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            ConcurrentCompositeConfiguration layers = new ConcurrentCompositeConfiguration();
            fleet.addConfiguration(layers, "fleet-" + tier.name().toLowerCase(java.util.Locale.ROOT));
            created.put(tier, layers);
        }
        composite.addConfigurationAtFront(fleet, "fleet");
        tiers = created;
        return tiers;
    }
}
