package dev.fleet.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A kustomization.yaml, typed: only the fields deploy/k8s uses, and an unknown field fails the parse (fabric8 has no
 * model for kustomize's own file).
 */
record Kustomization(String apiVersion, String kind, List<Label> labels, List<String> resources, List<Patch> patches,
                     List<Generator> configMapGenerator, List<Generator> secretGenerator) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    Kustomization {
        labels = labels == null ? List.of() : labels;
        resources = resources == null ? List.of() : resources;
        patches = patches == null ? List.of() : patches;
        configMapGenerator = configMapGenerator == null ? List.of() : configMapGenerator;
        secretGenerator = secretGenerator == null ? List.of() : secretGenerator;
    }

    static Kustomization read(Path file) {
        try {
            return YAML.readValue(file.toFile(), Kustomization.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    record Label(Map<String, String> pairs, Boolean includeSelectors, Boolean includeTemplates) {
    }

    /** A strategic-merge patch file ({@code target} is for patches that name no resource themselves). */
    record Patch(String path, Map<String, String> target) {
    }

    /** A ConfigMap or Secret generator: {@code files} are {@code key=path} or {@code path}; literals {@code key=value}. */
    record Generator(String name, List<String> files, List<String> literals) {
        Generator {
            files = files == null ? List.of() : files;
            literals = literals == null ? List.of() : literals;
        }
    }
}
