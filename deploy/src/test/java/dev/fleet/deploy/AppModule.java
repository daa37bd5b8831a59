package dev.fleet.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven module of the root pom that builds a runnable app jar (it sets {@code fleet.app.jar}): each one gets an
 * image, {@code fleet/<artifactId>}, built by {@code <dir>/Dockerfile}, and a compose service named after the
 * artifactId.
 */
record AppModule(String dir, String artifactId, String jar) {
    /** Modules with a runnable jar that run on the developer's machine, not in a container. */
    static final Set<String> HOST_ONLY = Set.of("launcher");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern APP_JAR = Pattern.compile("<fleet\\.app\\.jar>([^<]+)</fleet\\.app\\.jar>");
    /** The module's own artifactId: the first one after the parent block. */
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);

    static List<AppModule> all() {
        List<AppModule> apps = new ArrayList<>();
        Matcher modules = MODULE.matcher(Layer.text(Deployed.root().resolve("pom.xml")));
        while (modules.find()) {
            String dir = modules.group(1).trim();
            if (!HOST_ONLY.contains(dir)) {
                of(dir).ifPresent(apps::add);
            }
        }
        return apps;
    }

    static AppModule named(String artifactId) {
        return all().stream().filter(app -> app.artifactId.equals(artifactId)).findFirst()
                .orElseThrow(() -> new AssertionError("no app module " + artifactId));
    }

    private static Optional<AppModule> of(String dir) {
        String pom = Layer.text(Deployed.root().resolve(dir).resolve("pom.xml"));
        Matcher jar = APP_JAR.matcher(pom);
        if (!jar.find()) {
            return Optional.empty();
        }
        Matcher artifactId = ARTIFACT_ID.matcher(pom);
        if (!artifactId.find()) {
            throw new AssertionError(dir + "/pom.xml: no artifactId after </parent>");
        }
        return Optional.of(new AppModule(dir, artifactId.group(1).trim(), jar.group(1).trim()));
    }

    Path dockerfile() {
        return Deployed.root().resolve(dir).resolve("Dockerfile");
    }

    String image() {
        return "fleet/" + artifactId + ":" + System.getProperty("fleet.version");
    }

    /** The Dropwizard app behind this module, if it is one. */
    Optional<FleetApps> dropwizard() {
        for (FleetApps app : FleetApps.values()) {
            if (app.name.equals(artifactId)) {
                return Optional.of(app);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return artifactId;
    }
}
