package dev.fleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleet.platform.app.FleetAppConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.apache.commons.text.StringSubstitutor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One app as a layer deploys it: its Deployment's container, the environment that container gets (Secret values
 * looked up in the layer's generators), and the config.yml of its ConfigMap parsed with that environment — by the
 * app's own configuration class, the way {@code server /etc/fleet/config.yml} would in the pod.
 */
final class Deployed {
    static final String CONFIG_DIR = "/etc/fleet";
    static final String CONFIG_KEY = "config.yml";
    private static final Pattern CONFIG_VARIABLE = Pattern.compile("\\$\\{(FLEET_[A-Z0-9_]+)");

    final FleetApps app;
    final Deployment deployment;
    final Container container;
    final Map<String, String> env;
    /** The ConfigMap's config.yml, as the pod mounts it. */
    final String configYml;
    /** config.yml after substitution, as a tree (for blocks not every configuration class has). */
    final JsonNode tree;
    final FleetAppConfiguration configuration;

    Deployed(Layer layer, FleetApps app) {
        this.app = app;
        this.deployment = layer.get(Deployment.class, app.name);
        this.container = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(app.name)).findFirst()
                .orElseThrow(() -> new AssertionError(app + ": no container named " + app.name));
        this.env = environment(layer, container);
        String configMap = app.name + "-config";
        Map<String, String> data = layer.configMaps.get(configMap);
        if (data == null || !data.containsKey(CONFIG_KEY)) {
            throw new AssertionError(app + ": no ConfigMap " + configMap + " with a " + CONFIG_KEY + " in " + layer.dir);
        }
        this.configYml = data.get(CONFIG_KEY);
        StringSubstitutor substitutor = substitutor(env);
        this.tree = tree(configYml, substitutor);
        this.configuration = parse(app, configYml, substitutor);
    }

    /** The {@code FLEET_*} variables a text (config.yml, turbine.properties) reads as {@code ${FLEET_…}}. */
    static Set<String> variablesRead(String text) {
        Set<String> read = new TreeSet<>();
        Matcher matcher = CONFIG_VARIABLE.matcher(text);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }
        return read;
    }

    /** {@code yml} after substitution, as a tree (for blocks not every configuration class has). */
    static JsonNode tree(String yml, StringSubstitutor substitutor) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(substitutor.replace(yml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The substitution FleetApp.initialize installs (EnvironmentVariableSubstitutor, not strict), over {@code env}. */
    static StringSubstitutor substitutor(Map<String, String> env) {
        StringSubstitutor substitutor = new StringSubstitutor(env);
        substitutor.setEnableUndefinedVariableException(false);
        substitutor.setEnableSubstitutionInVariables(true);
        return substitutor;
    }

    /** {@code yml} into the app's configuration class, validated, as Dropwizard's {@code server} command does. */
    static FleetAppConfiguration parse(FleetApps app, String yml, StringSubstitutor substitutor) {
        YamlConfigurationFactory<? extends FleetAppConfiguration> factory = new YamlConfigurationFactory<>(
                app.configurationClass, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        try {
            return factory.build(new SubstitutingSourceProvider(
                    path -> new ByteArrayInputStream(yml.getBytes(StandardCharsets.UTF_8)), substitutor), CONFIG_KEY);
        } catch (IOException | ConfigurationException e) {
            throw new AssertionError(app + ": its config.yml does not parse into "
                    + app.configurationClass.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> environment(Layer layer, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
                continue;
            }
            SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
            if (ref == null) {
                throw new AssertionError(container.getName() + ": " + var.getName() + " comes from neither a value nor a Secret");
            }
            Map<String, String> secret = layer.secrets.get(ref.getName());
            if (secret == null || !secret.containsKey(ref.getKey())) {
                throw new AssertionError(container.getName() + ": " + var.getName() + " needs key " + ref.getKey()
                        + " of Secret " + ref.getName() + ", which " + layer.dir + " does not generate");
            }
            env.put(var.getName(), secret.get(ref.getKey()));
        }
        return env;
    }

    static Path root() {
        String root = System.getProperty("fleet.root");
        return (root == null ? Path.of("").toAbsolutePath().getParent() : Path.of(root)).normalize();
    }
}
