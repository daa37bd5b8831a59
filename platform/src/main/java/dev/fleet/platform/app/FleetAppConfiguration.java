package dev.fleet.platform.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.config.DynamicConfigSettings;
import dev.fleet.platform.consul.ConsulSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** What every Fleet app's configuration has: its own database, migrated on start unless told otherwise. */
public class FleetAppConfiguration extends Configuration {

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    /** Apply pending database changes on start ({@code db migrate} does the same on demand). */
    private boolean migrateOnStart = true;

    /** Where the Consul agent is ({@code FLEET_CONSUL_URL}); off by default. */
    @Valid
    @NotNull
    private ConsulSettings consul = new ConsulSettings();

    /** Dynamic configuration: the local properties file and startup values (docs/configuration.md). */
    @Valid
    @NotNull
    private DynamicConfigSettings config = new DynamicConfigSettings();

    @JsonProperty
    public DynamicConfigSettings getConfig() {
        return config;
    }

    @JsonProperty
    public void setConfig(DynamicConfigSettings config) {
        this.config = config;
    }

    @JsonProperty
    public ConsulSettings getConsul() {
        return consul;
    }

    @JsonProperty
    public void setConsul(ConsulSettings consul) {
        this.consul = consul;
    }

    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty
    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }
}
