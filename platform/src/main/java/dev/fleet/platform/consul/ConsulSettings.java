package dev.fleet.platform.consul;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.kiwiproject.consul.Consul;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code consul:} block every Fleet app has: where its Consul agent answers ({@code FLEET_CONSUL_URL}). Blank or
 * {@code none} (the default) means no Consul: the static {@code remote.services} table and local settings only.
 *
 * <pre>
 * consul:
 *   url: ${FLEET_CONSUL_URL:-none}   # e.g. http://127.0.0.1:8500
 *   advertiseHost: ...               # optional: the address registered when the app binds 0.0.0.0
 * </pre>
 * The advertised host is, in order: {@code consul.advertiseHost} ({@code FLEET_ADVERTISE_HOST} in config.yml), the application
 * connector's bind host, else this machine's address (dev.fleet.platform.discovery.ConsulRegistration).
 */
public class ConsulSettings {
    /** Blocking queries wait this long at most; the HTTP read timeout must be longer. */
    public static final Duration BLOCKING_WAIT = Duration.ofSeconds(55);

    private String url = "none";

    private String advertiseHost;

    @JsonProperty
    public String getAdvertiseHost() {
        return advertiseHost;
    }

    @JsonProperty
    public void setAdvertiseHost(String advertiseHost) {
        this.advertiseHost = advertiseHost;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    /** The agent's base URI, or empty when Consul is off; a malformed URL fails startup naming the setting. */
    public Optional<URI> uri() {
        if (url == null || url.isBlank() || "none".equals(url.trim())) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("consul.url (FLEET_CONSUL_URL) is not a URL: '" + url + "'", e);
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("consul.url (FLEET_CONSUL_URL) needs an absolute http(s) URL such as "
                    + "http://127.0.0.1:8500, or 'none'; got '" + url + "'");
        }
        return Optional.of(uri);
    }

    public boolean enabled() {
        return uri().isPresent();
    }

    /** A client for the agent (read timeout longer than a blocking query), or empty when Consul is off. */
    public Optional<Consul> client() {
        return uri().map(ConsulSettings::client);
    }

    public static Consul client(URI agent) {
        try {
            return Consul.builder()
                    .withUrl(agent.toURL())
                    .withConnectTimeoutMillis(2_000)
                    .withReadTimeoutMillis(BLOCKING_WAIT.plusSeconds(10).toMillis())
                    // the agent may be down when the app starts: the first call, not the builder, should say so
                    .withPing(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("consul.url is not a URL: " + agent, e);
        }
    }
}
