package dev.fleet.services.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.remote.RemoteCallsSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * pricing-service's settings: its own database and the services it calls ({@code remote.services.catalog} and
 * {@code remote.services.customers}); config.yml gives each a default an environment variable overrides.
 */
public class PricingServiceConfiguration extends FleetAppConfiguration {

    @Valid
    @NotNull
    @JsonProperty
    private RemoteCallsSettings remote = new RemoteCallsSettings();

    public RemoteCallsSettings getRemote() {
        return remote;
    }
}
