package dev.fleet.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every app module's Dockerfile, parsed (no builder runs here): a Maven stage building the module with the
 * repository's wrapper, a Temurin 17 JRE stage that copies the module's jar, runs as a numeric non-root user and
 * whose ENTRYPOINT runs the jar so that a command appended to it ({@code server <config.yml>}, which the Kubernetes
 * Deployments pass as {@code args}) reaches the app.
 */
class DockerfilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNTIME_IMAGE = "eclipse-temurin:17(\\.[0-9._]+)?-jre(-[a-z]+)?";

    static List<AppModule> apps() {
        return AppModule.all();
    }

    @ParameterizedTest
    @MethodSource("apps")
    void buildStageBuildsTheModuleWithTheWrapper(AppModule app) {
        Dockerfile dockerfile = new Dockerfile(app.dockerfile());
        assertThat(dockerfile.stages).as(app + " stages").hasSizeGreaterThanOrEqualTo(2);
        Dockerfile.Stage build = dockerfile.stages.get(0);
        assertThat(build.image()).as(app + " build image").startsWith("maven:3.9").contains("eclipse-temurin-17");
        assertThat(build.name()).as(app + " build stage name").isNotBlank();
        assertThat(build.all("RUN")).as(app + " build RUN").anySatisfy(run -> assertThat(run.arguments())
                .contains("./mvnw ").contains(" -pl " + app.dir() + " ").contains(" -am ").contains(" package"));
    }

    @ParameterizedTest
    @MethodSource("apps")
    void runtimeStageIsATemurin17JreRunningTheJarAsNonRoot(AppModule app) throws IOException {
        Dockerfile dockerfile = new Dockerfile(app.dockerfile());
        Dockerfile.Stage runtime = dockerfile.finalStage();
        assertThat(runtime.image()).as(app + " final FROM").matches(RUNTIME_IMAGE);
        String jar = "/app/" + app.jar() + ".jar";
        assertThat(runtime.all("COPY")).as(app + " copies its jar from the build stage").anySatisfy(copy -> assertThat(copy.arguments())
                .isEqualTo("--from=" + dockerfile.stages.get(0).name() + " /src/" + app.dir() + "/target/" + app.jar() + ".jar " + jar));
        checkRunsAsNonRoot(dockerfile);

        List<String> entrypoint = execForm(dockerfile, "ENTRYPOINT");
        assertThat(entrypoint).as(app + " ENTRYPOINT").first().isEqualTo("java");
        // heap from the container's memory limit, in the variable Kubernetes sets too (its env replaces the image's;
        // the same option on the command line would silently win over it)
        assertThat(runtime.all("ENV")).as(app + " ENV JAVA_TOOL_OPTIONS").anySatisfy(env -> assertThat(env.arguments())
                .matches("JAVA_TOOL_OPTIONS=\"?[^\"]*-XX:MaxRAMPercentage=\\d+(\\.\\d+)?[^\"]*\"?"));
        assertThat(entrypoint).as(app + " ENTRYPOINT").noneMatch(option -> option.startsWith("-XX:MaxRAMPercentage"));
        // the jar last: arguments (CMD, Kubernetes args) go to the app, not to the JVM
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).as(app + " ENTRYPOINT ends with -jar <jar>")
                .containsExactly("-jar", jar);

        if (app.dropwizard().isPresent()) {
            assertThat(runtime.all("COPY")).as(app + " copies its config.yml").anySatisfy(copy -> assertThat(copy.arguments())
                    .isEqualTo("--from=" + dockerfile.stages.get(0).name() + " /src/" + app.dropwizard().get().configYml + " /app/config.yml"));
            assertThat(execForm(dockerfile, "CMD")).as(app + " CMD").containsExactly("server", "/app/config.yml");
        }
    }

    @Test
    void aRootUserIsCaught() throws IOException {
        Path mutated = Files.createTempFile("Dockerfile", "");
        try {
            String text = Files.readString(AppModule.named("monolith").dockerfile()).replace("USER 10001:10001", "USER 0");
            Files.writeString(mutated, text);
            assertThatThrownBy(() -> checkRunsAsNonRoot(new Dockerfile(mutated))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("USER");
        } finally {
            Files.delete(mutated);
        }
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistory() {
        List<String> ignored = Layer.text(Deployed.root().resolve(".dockerignore")).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(ignored).as(".dockerignore").contains(".git", "**/target", "**/var");
        // the wrapper and every module's pom: Maven reads the whole reactor even for -pl
        assertThat(ignored).as(".dockerignore").doesNotContain("mvnw", ".mvn", "pom.xml", "*.xml");
    }

    /** The last USER of the final stage comes before its ENTRYPOINT and names a numeric uid other than 0. */
    static void checkRunsAsNonRoot(Dockerfile dockerfile) {
        Dockerfile.Stage runtime = dockerfile.finalStage();
        Dockerfile.Instruction user = runtime.last("USER")
                .orElseThrow(() -> new AssertionError(dockerfile.file + ": no USER in the final stage"));
        Dockerfile.Instruction entrypoint = runtime.last("ENTRYPOINT")
                .orElseThrow(() -> new AssertionError(dockerfile.file + ": no ENTRYPOINT in the final stage"));
        assertThat(runtime.indexOf(user)).as(dockerfile.file + ": USER before ENTRYPOINT").isLessThan(runtime.indexOf(entrypoint));
        String uid = user.arguments().split(":")[0];
        assertThat(uid).as(dockerfile.file + ": USER " + user.arguments() + " (a numeric uid: Kubernetes' runAsNonRoot can check it)")
                .matches("\\d+").isNotEqualTo("0");
    }

    /** An instruction in JSON (exec) form: no shell between the container and the JVM, which then gets SIGTERM. */
    private static List<String> execForm(Dockerfile dockerfile, String keyword) {
        Dockerfile.Instruction instruction = dockerfile.finalStage().last(keyword)
                .orElseThrow(() -> new AssertionError(dockerfile.file + ": no " + keyword));
        try {
            return JSON.readValue(instruction.arguments(), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new AssertionError(dockerfile.file + ": " + keyword + " is not in exec form: " + instruction.arguments());
        }
    }
}
