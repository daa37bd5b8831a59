package dev.fleet.platform.discovery;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.agent.ImmutableRegCheck;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.agent.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This app's entry in Consul: registered once Jetty has started (the real ports are only known then), removed at the
 * start of a graceful stop (before the connectors close, so callers drop us first), and registered again when the
 * agent forgot us (a restarted {@code -dev} agent keeps no state). A Consul outage is logged once, never fatal.
 * <ul>
 *   <li>service = the Application's name, id = {@code <name>-<host>-<port>}, address/port = the application connector
 *       (advertised host when it binds every interface), tags {@code fleet}, {@code hystrix},
 *       {@code version-<Implementation-Version or dev>}, meta {@code adminPort} (Turbine reads /hystrix.stream there);</li>
 *   <li>an HTTP check on {@code http://<address>:<adminPort>/healthcheck} every 5 s, deregistered after 1 min critical.</li>
 * </ul>
 */
public class ConsulRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(ConsulRegistration.class);
    static final String CHECK_INTERVAL = "5s";
    static final String DEREGISTER_AFTER = "1m";

    private final Consul consul;
    private final String service;
    private final String version;
    private final String configuredHost;
    private final Duration keepAliveEvery;
    private volatile Registration registration;
    private ScheduledExecutorService keeper;
    private volatile boolean outage;   // logged once per outage

    /**
     * @param configuredHost consul.advertiseHost or FLEET_ADVERTISE_HOST (may be null): used when the application
     *                       connector binds every interface
     * @param keepAliveEvery how often to check that the agent still knows us
     */
    public ConsulRegistration(Consul consul, String service, String version, String configuredHost, Duration keepAliveEvery) {
        this.consul = consul;
        this.service = service;
        this.version = version == null || version.isBlank() ? "dev" : version;
        this.configuredHost = configuredHost == null || configuredHost.isBlank() ? null : configuredHost.trim();
        this.keepAliveEvery = keepAliveEvery;
    }

    /** The registration for a started server (application connector "application", admin connector "admin"). */
    Registration registrationFor(Server server) {
        NetworkConnector app = connector(server, "application");
        NetworkConnector admin = connector(server, "admin");
        int port = app.getLocalPort();
        int adminPort = admin.getLocalPort();
        String address = advertised(app.getHost());
        // The agent probes the admin connector: on its own bind host when that is a specific one.
        String checkHost = specific(admin.getHost()) ? admin.getHost() : address;
        String id = service + "-" + address + "-" + port;
        return ImmutableRegistration.builder()
                .id(id)
                .name(service)
                .address(address)
                .port(port)
                .addTags("fleet", "hystrix", "version-" + version)
                .putMeta("adminPort", String.valueOf(adminPort))
                .addChecks(ImmutableRegCheck.builder()
                        .id("service:" + id)
                        .name(service + " /healthcheck")
                        .http("http://" + hostForUrl(checkHost) + ":" + adminPort + "/healthcheck")
                        .interval(CHECK_INTERVAL)
                        .timeout("3s")
                        .deregisterCriticalServiceAfter(DEREGISTER_AFTER)
                        .build())
                .build();
    }

    /** Registers and starts the keeper; a failure to reach the agent is logged, the keeper retries. */
    public synchronized void start(Server server) {
        registration = registrationFor(server);
        keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consul-registration-" + service);
            thread.setDaemon(true);
            return thread;
        });
        ensureRegistered();   // now, so the app is listed once started (an unreachable agent only logs)
        long every = keepAliveEvery.toMillis();
        keeper.scheduleWithFixedDelay(this::ensureRegistered, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the keeper and deregisters (best effort: a down agent drops us after deregister-critical-after). */
    public synchronized void stop() {
        if (keeper == null) {
            return;
        }
        keeper.shutdownNow();
        try {
            keeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keeper = null;
        try {
            consul.agentClient().deregister(registration.getId());
            LOG.info("Deregistered {} from Consul", registration.getId());
        } catch (RuntimeException e) {
            LOG.warn("Could not deregister {} from Consul: {}", registration.getId(), e.toString());
        }
    }

    public Registration registration() {
        return registration;
    }

    /** One keeper round: register when the agent does not know our id. */
    void ensureRegistered() {
        Registration current = registration;
        try {
            if (!consul.agentClient().isRegistered(current.getId())) {
                consul.agentClient().register(current);
                LOG.info("Registered {} in Consul ({}:{}, tags {})", current.getId(), current.getAddress().orElse("?"),
                        current.getPort().orElse(0), current.getTags());
            }
            if (outage) {
                outage = false;
                LOG.info("Consul is reachable again; {} is registered", current.getId());
            }
        } catch (RuntimeException e) {
            if (!outage) {
                outage = true;
                LOG.warn("Consul unreachable, cannot register {} (will keep trying every {} s): {}", current.getId(),
                        keepAliveEvery.toSeconds(), e.toString());
            }
        }
    }

    private String advertised(String bindHost) {
        if (specific(bindHost)) {
            return bindHost;
        }
        if (configuredHost != null) {
            return configuredHost;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the application connector binds every interface and this host's address"
                    + " is unknown: set FLEET_ADVERTISE_HOST (or consul.advertiseHost)", e);
        }
    }

    private static boolean specific(String host) {
        return host != null && !host.isBlank() && !"0.0.0.0".equals(host) && !"::".equals(host) && !"[::]".equals(host);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static NetworkConnector connector(Server server, String name) {
        NetworkConnector first = null;
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                if (name.equals(connector.getName())) {
                    return network;
                }
                if (first == null) {
                    first = network;
                }
            }
        }
        if (first == null) {
            throw new IllegalStateException("the server has no network connector to register");
        }
        return first; // simple server: one connector serves both
    }
}
