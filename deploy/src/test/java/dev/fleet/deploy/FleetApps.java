package dev.fleet.deploy;

import dev.fleet.app.FleetConfiguration;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.services.billing.BillingServiceConfiguration;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.notification.NotificationServiceConfiguration;
import dev.fleet.services.pricing.PricingServiceConfiguration;

/** The Fleet apps deploy/k8s must deploy: the Kubernetes name, the app's own config.yml and configuration class. */
enum FleetApps {
    MONOLITH("monolith", "modular-monolith/app/config.yml", FleetConfiguration.class),
    CATALOG_SERVICE("catalog-service", "extracted-services/catalog-service/config.yml", CatalogServiceConfiguration.class),
    PRICING_SERVICE("pricing-service", "extracted-services/pricing-service/config.yml", PricingServiceConfiguration.class),
    BILLING_SERVICE("billing-service", "extracted-services/billing-service/config.yml", BillingServiceConfiguration.class),
    NOTIFICATION_SERVICE("notification-service", "extracted-services/notification-service/config.yml",
            NotificationServiceConfiguration.class);

    final String name;
    final String configYml;
    final Class<? extends FleetAppConfiguration> configurationClass;

    FleetApps(String name, String configYml, Class<? extends FleetAppConfiguration> configurationClass) {
        this.name = name;
        this.configYml = configYml;
        this.configurationClass = configurationClass;
    }

    @Override
    public String toString() {
        return name;
    }
}
