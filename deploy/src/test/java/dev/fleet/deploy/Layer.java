package dev.fleet.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One kustomization folder under deploy/k8s, read the way {@code kubectl apply -k} reads it (without running
 * kustomize): its resources parsed into typed fabric8 objects, folders among them read as layers of their own, its
 * patches parsed, its generators' files and literals loaded. No transformation is applied: the checks look at what
 * each layer declares.
 */
final class Layer {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    final Path dir;
    final Kustomization kustomization;
    /** The files this layer names (resources, patches, generator files), for the "nothing unlisted" check. */
    final List<Path> files = new ArrayList<>();
    final List<Layer> bases = new ArrayList<>();
    final List<Manifest> resources = new ArrayList<>();
    final List<Manifest> patches = new ArrayList<>();
    /** ConfigMap name → key → content, from configMapGenerator (this layer's and its bases'). */
    final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
    /** Secret name → key → value, from secretGenerator (this layer's and its bases'). */
    final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();

    /** A parsed manifest and the file it came from. */
    record Manifest(Path file, HasMetadata object) {
        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }
    }

    private Layer(Path dir) {
        this.dir = dir;
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " has no kustomization.yaml");
        }
        files.add(file);
        kustomization = Kustomization.read(file);
        for (String resource : kustomization.resources()) {
            Path path = existing(resource);
            if (Files.isDirectory(path)) {
                Layer base = new Layer(path);
                bases.add(base);
                configMaps.putAll(base.configMaps);
                secrets.putAll(base.secrets);
            } else {
                files.add(path);
                parse(path).forEach(object -> resources.add(new Manifest(path, object)));
            }
        }
        for (Kustomization.Patch patch : kustomization.patches()) {
            Path path = existing(patch.path());
            files.add(path);
            parse(path).forEach(object -> patches.add(new Manifest(path, object)));
        }
        kustomization.configMapGenerator().forEach(generator -> configMaps.put(generator.name(), load(generator)));
        kustomization.secretGenerator().forEach(generator -> secrets.put(generator.name(), load(generator)));
    }

    static Layer read(Path dir) {
        return new Layer(dir.normalize());
    }

    /** Every resource this layer deploys: its bases' and its own. */
    List<Manifest> allResources() {
        List<Manifest> all = new ArrayList<>();
        bases.forEach(base -> all.addAll(base.allResources()));
        all.addAll(resources);
        return all;
    }

    /** Every file of this layer and its bases. */
    List<Path> allFiles() {
        List<Path> all = new ArrayList<>();
        bases.forEach(base -> all.addAll(base.allFiles()));
        all.addAll(files);
        return all;
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return allResources().stream()
                .filter(manifest -> type.isInstance(manifest.object()) && manifest.name().equals(name))
                .map(manifest -> type.cast(manifest.object()))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                dir + " deploys no " + type.getSimpleName() + " named " + name));
    }

    /** Every document of a manifest file as a typed fabric8 object; a kind fabric8 does not know fails. */
    static List<HasMetadata> parse(Path file) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text(file))) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            Object object = Serialization.unmarshal(document);
            if (!(object instanceof HasMetadata typed) || object instanceof GenericKubernetesResource) {
                throw new IllegalArgumentException(file + ": not a Kubernetes kind the model knows: "
                        + (object == null ? "null" : object.getClass().getSimpleName()));
            }
            objects.add(typed);
        }
        return objects;
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existing(String relative) {
        Path path = dir.resolve(relative).normalize();
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(dir.resolve("kustomization.yaml") + " names " + relative
                    + ", which does not exist");
        }
        return path;
    }

    private Map<String, String> load(Kustomization.Generator generator) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String entry : generator.files()) {
            int eq = entry.indexOf('=');
            Path path = existing(eq < 0 ? entry : entry.substring(eq + 1));
            files.add(path);
            data.put(eq < 0 ? path.getFileName().toString() : entry.substring(0, eq), text(path));
        }
        for (String literal : generator.literals()) {
            int eq = literal.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(generator.name() + ": literal without key=value: " + literal);
            }
            data.put(literal.substring(0, eq), literal.substring(eq + 1));
        }
        return data;
    }
}
