package dev.fleet.platform.module;

import io.dropwizard.core.setup.Environment;

/**
 * One bounded context, as an application assembles it: its tables (a Liquibase changelog of its own) and
 * its HTTP resources. The monolith registers all of them; an extracted service registers one.
 */
public interface FleetModule {

    /** Short, lower-case name: {@code catalog}, {@code pricing}… */
    String name();

    /** Classpath location of the module's Liquibase changelog, which creates only the module's own tables. */
    String changelog();

    /** Registers resources, health checks and managed objects. */
    void register(Environment environment);
}
