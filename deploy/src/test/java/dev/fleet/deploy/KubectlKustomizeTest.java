package dev.fleet.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.fleet.deploy.KustomizeLayersTest.K8S;
import static dev.fleet.deploy.KustomizeLayersTest.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What kustomize itself makes of the local overlay, where {@code kubectl} is installed (skipped otherwise): the
 * rendered objects parse into typed model objects, are the ones the layers declare, generated names are rewritten
 * in every reference, and the patches took.
 */
class KubectlKustomizeTest {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static Path kubectl;

    @BeforeAll
    static void findKubectl() {
        kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not on the PATH: kustomize's own rendering is not checked");
    }

    @Test
    void localOverlayRendersToTheDeclaredObjectsWithGeneratedNamesRewritten() throws Exception {
        List<HasMetadata> rendered = render(K8S.resolve("overlays/local"));

        Set<String> declared = LOCAL.allResources().stream().map(m -> m.kind() + "/" + m.name()).collect(Collectors.toSet());
        LOCAL.configMaps.keySet().forEach(name -> declared.add("ConfigMap/" + name));
        LOCAL.secrets.keySet().forEach(name -> declared.add("Secret/" + name));
        // generated names carry a content hash suffix
        assertThat(rendered).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()
                        .replaceFirst("-[a-z0-9]{10}$", ""))
                .containsExactlyInAnyOrderElementsOf(declared);

        Set<String> names = rendered.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .collect(Collectors.toSet());
        for (HasMetadata object : rendered) {
            if (object instanceof Deployment deployment) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).forEach(v -> assertThat(names)
                        .as(deployment.getMetadata().getName() + " volume " + v.getName())
                        .contains("ConfigMap/" + v.getConfigMap().getName()));
                pod.getContainers().stream().flatMap(c -> c.getEnv().stream()).map(EnvVar::getValueFrom)
                        .filter(from -> from != null && from.getSecretKeyRef() != null)
                        .forEach(from -> assertThat(names).contains("Secret/" + from.getSecretKeyRef().getName()));
            }
        }
        assertThat(rendered).filteredOn(o -> o instanceof ConfigMap || o instanceof Secret)
                .allMatch(o -> o.getMetadata().getName().matches(".*-[a-z0-9]{10}$"), "hash-suffixed");
    }

    @Test
    void localPatchesTookAndKeptEachAppsSingleContainerWhole() throws Exception {
        List<HasMetadata> rendered = render(K8S.resolve("overlays/local"));
        for (FleetApps app : FleetApps.values()) {
            Deployment deployment = rendered.stream().filter(o -> o instanceof Deployment
                            && o.getMetadata().getName().equals(app.name))
                    .map(Deployment.class::cast).findFirst().orElseThrow();
            assertThat(deployment.getSpec().getReplicas()).as(app + " replicas").isEqualTo(1);
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).as(app + " containers")
                    .singleElement()
                    .satisfies(container -> {
                        assertThat(container.getImagePullPolicy()).isEqualTo("Never");
                        assertThat(container.getImage()).startsWith("fleet/" + app.name + ":");
                        assertThat(container.getReadinessProbe()).isNotNull();
                        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("FLEET_DB_URL");
                    });
            assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "fleet");
        }
    }

    private static List<HasMetadata> render(Path layer) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", layer.toString())
                .redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + layer + ": " + err).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(out)) {
            if (document.isBlank()) {
                continue;
            }
            Object object = Serialization.unmarshal(document);
            assertThat(object).isInstanceOf(HasMetadata.class).isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(ModelStrictness.unknownFields(object)).as("unknown fields in rendered " + object).isEmpty();
            objects.add((HasMetadata) object);
        }
        return objects;
    }

}
