package dev.fleet.turbine;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turbine's settings: {@code turbine.properties} (in the jar; a file given on the command line replaces it), every
 * value written {@code ${FLEET_…:-default}} like the apps' config.yml.
 *
 * @param instances the static table (application → stream URLs), used when {@code consulUrl} is {@code none}
 */
public record TurbineConfig(String host, int port, String consulUrl, String consulTag, Duration consulScan,
                            Map<String, List<URI>> instances, Duration instanceTimeout, Duration reconnectDelay,
                            Duration heartbeat) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::-([^}]*))?}");

    public boolean consulEnabled() {
        return !consulUrl.isBlank() && !consulUrl.equals("none");
    }

    public static TurbineConfig load(Path file, UnaryOperator<String> env) throws IOException {
        Properties properties = new Properties();
        if (file == null) {
            try (InputStream in = TurbineConfig.class.getResourceAsStream("/turbine.properties")) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } else {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            }
        }
        return from(properties, env);
    }

    static TurbineConfig from(Properties properties, UnaryOperator<String> env) {
        UnaryOperator<String> value = key -> {
            String raw = properties.getProperty(key);
            if (raw == null) {
                throw new IllegalArgumentException("turbine setting '" + key + "' is missing");
            }
            return substitute(raw, env).trim();
        };
        return new TurbineConfig(
                value.apply("host"),
                Integer.parseInt(value.apply("port")),
                value.apply("consulUrl"),
                value.apply("consulTag"),
                duration("consulScan", value.apply("consulScan")),
                table(value.apply("instances")),
                duration("instanceTimeout", value.apply("instanceTimeout")),
                duration("reconnectDelay", value.apply("reconnectDelay")),
                duration("heartbeat", value.apply("heartbeat")));
    }

    static String substitute(String raw, UnaryOperator<String> env) {
        Matcher matcher = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String set = env.apply(matcher.group(1));
            String replacement = set != null ? set : matcher.group(2) != null ? matcher.group(2) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code app=url,app=url,...}; an application may be listed several times (one entry per instance). */
    static Map<String, List<URI>> table(String text) {
        Map<String, List<URI>> table = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("instances: '" + entry.trim() + "' is not app=http://host:port/hystrix.stream");
            }
            URI uri = URI.create(entry.substring(equals + 1).trim());
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("instances: '" + uri + "' is not an http:// URL");
            }
            table.computeIfAbsent(entry.substring(0, equals).trim(), app -> new ArrayList<>()).add(uri);
        }
        return table;
    }

    /** {@code 500ms}, {@code 5s}, {@code 1m}. */
    static Duration duration(String key, String text) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*(ms|s|m)").matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration like 500ms, 5s or 1m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
