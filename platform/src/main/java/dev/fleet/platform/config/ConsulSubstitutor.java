package dev.fleet.platform.config;

import dev.fleet.platform.consul.ConsulSettings;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import org.kiwiproject.consul.Consul;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * config.yml substitution: {@code ${FLEET_X:-default}} from the environment exactly as Dropwizard's non-strict
 * {@link EnvironmentVariableSubstitutor}, plus {@code ${consul:shared/edge.weight:-0}}: the Consul KV value of
 * {@code fleet/config/shared/edge.weight}, read once at startup when {@code FLEET_CONSUL_URL} names an agent (taken
 * from the environment: the configuration is not parsed yet), the default otherwise or when the key is missing or
 * the agent unreachable. A {@code consul:} reference left without a value and without a default fails startup naming
 * the key and why.
 */
public class ConsulSubstitutor extends EnvironmentVariableSubstitutor {
    public static final String PREFIX = "consul:";
    public static final String CONSUL_URL_ENV = "FLEET_CONSUL_URL";
    private static final Logger LOG = LoggerFactory.getLogger(ConsulSubstitutor.class);
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{" + Pattern.quote(PREFIX) + "([^}]*)}");

    private final Optional<URI> agent;
    private final Map<String, Optional<String>> read = new ConcurrentHashMap<>();
    private volatile String unreachable;

    /** Reads the environment and {@code FLEET_CONSUL_URL} from it. */
    public ConsulSubstitutor() {
        this(System::getenv);
    }

    public ConsulSubstitutor(UnaryOperator<String> environment) {
        this(environment, agent(environment.apply(CONSUL_URL_ENV)));
    }

    public ConsulSubstitutor(UnaryOperator<String> environment, Optional<URI> agent) {
        super(false);
        this.agent = agent;
        setVariableResolver(name -> name.startsWith(PREFIX) ? kv(name.substring(PREFIX.length()).trim())
                : environment.apply(name));
    }

    /** {@code FLEET_CONSUL_URL} as the {@code consul.url} setting reads it: unset, blank or none is no agent. */
    private static Optional<URI> agent(String url) {
        ConsulSettings settings = new ConsulSettings();
        settings.setUrl(url == null ? "none" : url);
        return settings.uri();
    }

    @Override
    public String replace(String source) {
        String substituted = super.replace(source);
        if (substituted == null) {
            return null;
        }
        Set<String> missing = new LinkedHashSet<>();
        Matcher unresolved = UNRESOLVED.matcher(substituted);
        while (unresolved.find()) {
            missing.add(AppDynamicConfig.KV_ROOT + unresolved.group(1).trim());
        }
        if (!missing.isEmpty()) {
            String why = agent.isEmpty() ? CONSUL_URL_ENV + " is not set"
                    : unreachable != null ? "Consul at " + agent.get() + " is unreachable (" + unreachable + ")"
                    : "Consul at " + agent.get() + " has no such key";
            throw new IllegalStateException("config.yml needs Consul KV " + String.join(", ", missing)
                    + " (no default given with :-) but " + why);
        }
        return substituted;
    }

    /** The value of {@code fleet/config/<key>}, read once; null (→ the default) when it cannot be had. */
    private String kv(String key) {
        if (agent.isEmpty()) {
            return null;
        }
        return read.computeIfAbsent(key, this::fetch).orElse(null);
    }

    private Optional<String> fetch(String key) {
        if (unreachable != null) {
            return Optional.empty();
        }
        Consul consul = ConsulSettings.client(agent.get());
        try {
            Optional<String> value = consul.keyValueClient().getValueAsString(AppDynamicConfig.KV_ROOT + key);
            if (value.isEmpty()) {
                LOG.info("config.yml: no Consul KV {}{}, using the default", AppDynamicConfig.KV_ROOT, key);
            }
            return value;
        } catch (RuntimeException e) {
            unreachable = e.toString();
            LOG.warn("config.yml: cannot read Consul KV at {} ({}); using defaults", agent.get(), e.toString());
            return Optional.empty();
        } finally {
            consul.destroy();
        }
    }
}
