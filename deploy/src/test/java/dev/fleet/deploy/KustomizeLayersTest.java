package dev.fleet.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The structure of deploy/k8s: what each kustomization names exists and parses, and nothing lies about unlisted. */
class KustomizeLayersTest {
    static final Path K8S = Deployed.root().resolve("deploy/k8s");
    static final Layer BASE = Layer.read(K8S.resolve("base"));
    static final Layer LOCAL = Layer.read(K8S.resolve("overlays/local"));

    @Test
    void everyFileUnderDeployK8sIsNamedByAKustomizationAndParses() throws IOException {
        // reading a layer fails on a missing file, an unknown kustomization field or a manifest fabric8 cannot type
        Set<Path> named = new HashSet<>(BASE.allFiles());
        named.addAll(LOCAL.allFiles());
        try (Stream<Path> files = Files.walk(K8S)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::normalize).toList())
                    .as("files under deploy/k8s that no kustomization.yaml names (kubectl apply -k would skip them)")
                    .allMatch(named::contains, "named by a kustomization.yaml");
        }
        assertThat(LOCAL.bases).extracting(layer -> layer.dir).containsExactly(BASE.dir);
    }

    @Test
    void kustomizationsAreKustomizeV1Beta1() {
        for (Layer layer : List.of(BASE, LOCAL)) {
            assertThat(layer.kustomization.apiVersion()).as(layer.dir.toString())
                    .isEqualTo("kustomize.config.k8s.io/v1beta1");
            assertThat(layer.kustomization.kind()).as(layer.dir.toString()).isEqualTo("Kustomization");
        }
    }

    @Test
    void manifestsHaveNoFieldTheKubernetesModelDoesNotKnow() {
        Stream.concat(LOCAL.allResources().stream(), LOCAL.patches.stream()).forEach(manifest ->
                assertThat(ModelStrictness.unknownFields(manifest.object()))
                        .as("unknown (misspelt?) fields in " + manifest.file()).isEmpty());
    }

    @Test
    void resourceNamesAreUniquePerKind() {
        List<String> ids = LOCAL.allResources().stream().map(m -> m.kind() + "/" + m.name()).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void everyAppHasADeploymentAndAService() {
        for (FleetApps app : FleetApps.values()) {
            assertThat(BASE.find(Deployment.class, app.name)).as(app + " Deployment").isPresent();
            assertThat(BASE.find(Service.class, app.name)).as(app + " Service").isPresent();
        }
        assertThat(BASE.allResources()).extracting(Layer.Manifest::kind).containsOnly("Deployment", "Service");
    }

    @Test
    void servicesSelectThePodsOfTheirDeployment() {
        for (Layer.Manifest manifest : LOCAL.allResources()) {
            if (manifest.object() instanceof Service service) {
                Deployment deployment = LOCAL.get(Deployment.class, service.getMetadata().getName());
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .as("pod labels of " + deployment.getMetadata().getName())
                        .containsAllEntriesOf(service.getSpec().getSelector());
                assertThat(deployment.getSpec().getSelector().getMatchLabels())
                        .isEqualTo(service.getSpec().getSelector());
                Set<String> containerPorts = new HashSet<>();
                deployment.getSpec().getTemplate().getSpec().getContainers()
                        .forEach(c -> c.getPorts().forEach(p -> containerPorts.add(p.getName())));
                service.getSpec().getPorts().forEach(port -> assertThat(containerPorts)
                        .as(service.getMetadata().getName() + " targetPort").contains(port.getTargetPort().getStrVal()));
            }
        }
    }

    @Test
    void everySecretAndConfigMapAPodUsesIsGeneratedByTheLocalOverlay() {
        for (Layer.Manifest manifest : LOCAL.allResources()) {
            if (manifest.object() instanceof Deployment deployment) {
                var pod = deployment.getSpec().getTemplate().getSpec();
                pod.getContainers().forEach(container -> container.getEnv().stream()
                        .filter(env -> env.getValueFrom() != null)
                        .forEach(env -> {
                            var ref = env.getValueFrom().getSecretKeyRef();
                            assertThat(ref).as(manifest.file() + " " + env.getName() + ": only Secret refs").isNotNull();
                            assertThat(LOCAL.secrets.getOrDefault(ref.getName(), Map.of()))
                                    .as(manifest.file() + " " + env.getName() + " needs Secret " + ref.getName())
                                    .containsKey(ref.getKey());
                        }));
                pod.getVolumes().stream().filter(volume -> volume.getConfigMap() != null)
                        .forEach(volume -> assertThat(LOCAL.configMaps)
                                .as(manifest.file() + " volume " + volume.getName())
                                .containsKey(volume.getConfigMap().getName()));
            }
        }
    }

    @Test
    void overlayPatchesTargetResourcesAndContainersOfTheBase() {
        assertThat(LOCAL.patches).isNotEmpty();
        for (Layer.Manifest patch : LOCAL.patches) {
            HasMetadata target = BASE.allResources().stream()
                    .filter(m -> m.kind().equals(patch.kind()) && m.name().equals(patch.name()))
                    .map(Layer.Manifest::object).findFirst()
                    .orElseThrow(() -> new AssertionError(patch.file() + " patches " + patch.kind() + "/"
                            + patch.name() + ", which the base does not have"));
            if (patch.object() instanceof Deployment patched) {
                List<String> baseContainers = ((Deployment) target).getSpec().getTemplate().getSpec().getContainers()
                        .stream().map(Container::getName).toList();
                // strategic merge matches containers by name: an unknown name would add a second, image-less container
                assertThat(patched.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName)
                        .as(patch.file().toString()).isSubsetOf(baseContainers);
            }
        }
    }
}
