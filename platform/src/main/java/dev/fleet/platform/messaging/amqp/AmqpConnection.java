package dev.fleet.platform.messaging.amqp;

import com.codahale.metrics.health.HealthCheck;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One named AMQP connection of an app (e.g. from {@code FLEET_AMQP_URI}) with automatic connection and topology
 * recovery: after a broker restart the client reconnects and re-declares the queues and consumers it declared.
 * Channels are not thread-safe: every user opens its own.
 */
public class AmqpConnection implements Managed {

    /** How often a lost connection is retried; also bounds how long a consumer is away after a broker restart. */
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(1);

    private final URI uri;
    private final String name;
    private final ConnectionFactory factory;
    private volatile Connection connection;

    public AmqpConnection(URI uri, String name) {
        this(uri, name, DEFAULT_RECOVERY_INTERVAL);
    }

    public AmqpConnection(URI uri, String name, Duration recoveryInterval) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.name = Objects.requireNonNull(name, "name");
        factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an AMQP URI: " + redacted(uri) + " (" + e.getMessage() + ")", e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(recoveryInterval.toMillis());
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5000);
        factory.setHandshakeTimeout(5000);
        factory.setChannelRpcTimeout(10000);
    }

    /** Manages the connection in the app's lifecycle and adds the health check {@code amqp.<name>}. */
    public AmqpConnection register(Environment environment) {
        environment.lifecycle().manage(this);
        environment.healthChecks().register("amqp." + name, healthCheck());
        return this;
    }

    @Override
    public synchronized void start() throws IOException {
        if (connection == null) {
            try {
                connection = factory.newConnection(name);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("AMQP broker " + redacted(uri) + " did not answer in time", e);
            }
        }
    }

    @Override
    public synchronized void stop() throws IOException {
        Connection open = connection;
        connection = null;
        if (open != null && open.isOpen()) {
            open.close(5000);
        }
    }

    /** A new channel (its own thread of use); auto-recovering like the connection. */
    public Channel createChannel() throws IOException {
        Connection current = connection;
        if (current == null) {
            throw new IOException("AMQP connection " + name + " is not started");
        }
        Channel channel = current.createChannel();
        if (channel == null) {
            throw new IOException("AMQP connection " + name + " has no free channel");
        }
        return channel;
    }

    public boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    public String name() {
        return name;
    }

    /** The broker address without the password, for logs and health messages. */
    public String address() {
        return redacted(uri);
    }

    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return isOpen() ? Result.healthy("connected to %s", address())
                        : Result.unhealthy("not connected to %s (recovering)", address());
            }
        };
    }

    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
