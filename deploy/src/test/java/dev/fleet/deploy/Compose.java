package dev.fleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Compose project read from its files the way {@code docker compose -f a.yml -f b.yml} combines them (mappings
 * merged key by key, later files win; enough for the environment and depends_on overrides Fleet uses), without an
 * engine: services with their environment, published ports, health check and start order.
 */
final class Compose {
    static final Path DIR = Deployed.root().resolve("compose");
    static final Path MAIN = DIR.resolve("docker-compose.yml");
    static final Path STAGE_MONOLITH = DIR.resolve("stage-monolith.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final ObjectNode tree;

    Compose(ObjectNode tree) {
        this.tree = tree;
    }

    static Compose read(Path... files) {
        ObjectNode merged = YAML.createObjectNode();
        for (Path file : files) {
            try {
                merge(merged, (ObjectNode) YAML.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Compose(merged);
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }

    /** An in-memory copy to mutate (negative tests). */
    Compose copy() {
        return new Compose(tree.deepCopy());
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        tree.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Service service(String name) {
        JsonNode node = tree.path("services").path(name);
        if (!node.isObject()) {
            throw new AssertionError("compose has no service " + name + " (has " + serviceNames() + ")");
        }
        return new Service(name, (ObjectNode) node);
    }

    /** One {@code ports:} entry in short syntax: {@code [host_ip:][host_port:]container_port}. */
    record Published(String hostIp, int hostPort, int containerPort) {
        static Published parse(String text) {
            String[] parts = text.split(":");
            int container = Integer.parseInt(parts[parts.length - 1].replaceFirst("/tcp$", ""));
            return switch (parts.length) {
                case 1 -> new Published(null, container, container);
                case 2 -> new Published(null, Integer.parseInt(parts[0]), container);
                case 3 -> new Published(parts[0], Integer.parseInt(parts[1]), container);
                default -> throw new IllegalArgumentException("not a short-syntax port: " + text);
            };
        }

        boolean loopbackOnly() {
            return "127.0.0.1".equals(hostIp);
        }
    }

    record Service(String name, ObjectNode node) {
        /** The {@code environment:} mapping (or {@code KEY=value} list), values as text. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode environment = node.path("environment");
            if (environment.isArray()) {
                environment.forEach(entry -> {
                    String[] kv = entry.asText().split("=", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                });
            } else {
                environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            }
            return env;
        }

        List<Published> ports() {
            List<Published> ports = new ArrayList<>();
            node.path("ports").forEach(port -> ports.add(Published.parse(port.asText())));
            return ports;
        }

        /** The health check's command, e.g. {@code [CMD, curl, -fsS, http://…]}; empty when there is none. */
        List<String> healthcheck() {
            List<String> test = new ArrayList<>();
            JsonNode node = this.node.path("healthcheck").path("test");
            if (node.isTextual()) {
                test.add("CMD-SHELL");
                test.add(node.asText());
            } else {
                node.forEach(part -> test.add(part.asText()));
            }
            return test;
        }

        /** The URL a {@code curl} health check asks. */
        Optional<URI> healthUrl() {
            return healthcheck().stream().filter(part -> part.startsWith("http://")).map(URI::create).findFirst();
        }

        /** depends_on: service → condition. */
        Map<String, String> dependsOn() {
            Map<String, String> conditions = new LinkedHashMap<>();
            JsonNode dependsOn = node.path("depends_on");
            if (dependsOn.isArray()) {
                dependsOn.forEach(name -> conditions.put(name.asText(), "service_started"));
            } else {
                dependsOn.fields().forEachRemaining(e -> conditions.put(e.getKey(),
                        e.getValue().path("condition").asText("service_started")));
            }
            return conditions;
        }

        String text(String... path) {
            JsonNode at = node;
            for (String key : path) {
                at = at.path(key);
            }
            return at.asText(null);
        }
    }
}
