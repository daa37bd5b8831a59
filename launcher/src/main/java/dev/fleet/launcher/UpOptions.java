package dev.fleet.launcher;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./fleet up [--stage monolith|strangler|extracted] [--instances catalog-service=2,…] [--consul URL]
 * [--kafka HOST:PORT] [--amqp URI] [--db-url JDBC] [--port-offset N]}. Every bad value is a {@link UsageException}
 * naming the option.
 */
public record UpOptions(Stage stage, Map<AppKind, Integer> instances, String consulUrl, String kafka, String amqpUri,
                        String dbUrl, int portOffset) {

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:\\d{1,5}(,[A-Za-z0-9.-]+:\\d{1,5})*");

    public static UpOptions defaults() {
        return parse(List.of());
    }

    public static UpOptions parse(List<String> args) {
        Stage stage = Stage.MONOLITH;
        Map<AppKind, Integer> instances = new EnumMap<>(AppKind.class);
        String consul = null;
        String kafka = null;
        String amqp = null;
        String db = null;
        int offset = 0;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = option.contains("=") && option.startsWith("--") ? option.substring(option.indexOf('=') + 1) : null;
            String name = value != null ? option.substring(0, option.indexOf('=')) : option;
            if (value == null) {
                if (!name.startsWith("--")) {
                    throw new UsageException("unexpected argument '" + option + "'");
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--stage" -> stage = Stage.parse(value);
                case "--instances" -> parseInstances(value, instances);
                case "--consul" -> consul = httpUrl("--consul", value);
                case "--kafka" -> kafka = hostPorts(value);
                case "--amqp" -> amqp = amqpUri(value);
                case "--db-url" -> db = jdbcUrl(value);
                case "--port-offset" -> offset = portOffset(value);
                default -> throw new UsageException("unknown option '" + name + "' for up (see ./fleet help)");
            }
        }
        return new UpOptions(stage, Map.copyOf(instances), consul, kafka, amqp, db, offset);
    }

    /** How many instances of this app run (1 unless --instances says otherwise). */
    public int instancesOf(AppKind kind) {
        return instances.getOrDefault(kind, 1);
    }

    private static void parseInstances(String value, Map<AppKind, Integer> instances) {
        for (String part : value.split(",")) {
            String[] pair = part.split("=", 2);
            AppKind kind = AppKind.byName(pair[0].trim()).orElseThrow(() -> new UsageException(
                    "--instances: unknown app '" + pair[0].trim() + "' (apps: " + AppKind.names() + ")"));
            if (!kind.scalable()) {
                throw new UsageException("--instances: " + kind.appName() + " runs once (only the monolith and the services scale)");
            }
            int count;
            try {
                count = pair.length == 2 ? Integer.parseInt(pair[1].trim()) : -1;
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > AppKind.MAX_INSTANCES) {
                throw new UsageException("--instances: " + part + " needs a count from 1 to " + AppKind.MAX_INSTANCES
                        + ", e.g. catalog-service=2");
            }
            instances.put(kind, count);
        }
    }

    private static String httpUrl(String option, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new UsageException(option + ": '" + value + "' is not an http(s) URL, e.g. http://127.0.0.1:8500");
    }

    private static String hostPorts(String value) {
        if (!HOST_PORT.matcher(value).matches()) {
            throw new UsageException("--kafka: '" + value + "' is not HOST:PORT[,HOST:PORT…], e.g. 127.0.0.1:9092");
        }
        return value;
    }

    private static String amqpUri(String value) {
        try {
            URI uri = URI.create(value);
            if (("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new UsageException("--amqp: '" + value + "' is not an amqp:// URI, e.g. amqp://guest:guest@127.0.0.1:5672/%2F");
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql://")) {
            throw new UsageException("--db-url: '" + value + "' is not a PostgreSQL JDBC URL, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/fleet?user=fleet&password=fleet (the default is H2 files under var/)");
        }
        return value;
    }

    private static int portOffset(String value) {
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0 && offset <= 20000) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--port-offset: '" + value + "' must be a whole number from 0 to 20000");
    }
}
