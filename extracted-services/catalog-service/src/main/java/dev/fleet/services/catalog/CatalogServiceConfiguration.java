package dev.fleet.services.catalog;

import dev.fleet.platform.app.FleetAppConfiguration;

/** catalog-service's settings: its own database (config.yml gives each a default an environment variable overrides). */
public class CatalogServiceConfiguration extends FleetAppConfiguration {
}
