package dev.fleet.platform.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local properties file as a {@link PropertyLayer}, read at start and again whenever its modification time or size
 * changes (checked every {@code interval}). A missing file is an empty source (it may appear later); a file that cannot
 * be read keeps the last values.
 */
final class PropertiesFileSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PropertiesFileSource.class);

    private final Path file;
    private final PropertyLayer layer;
    private final Duration interval;
    private ScheduledExecutorService checker;
    private Object lastSeen = "never";

    PropertiesFileSource(Path file, PropertyLayer layer, Duration interval) {
        this.file = file;
        this.layer = layer;
        this.interval = interval;
    }

    void start() {
        check();
        checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fleet-config-file");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void check() {
        Object seen;
        try {
            seen = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (NoSuchFileException missing) {
            seen = "missing";
        } catch (IOException e) {
            seen = "unreadable";
        }
        if (Objects.equals(seen, lastSeen)) {
            return;
        }
        lastSeen = seen;
        if (seen.equals("missing")) {
            LOG.info("properties file {} does not exist (yet): no values from it", file);
            layer.replaceAll(Map.of());
            return;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            Map<String, String> values = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
            layer.replaceAll(values);
            LOG.info("read {} properties from {}", values.size(), file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot read properties file {} ({}); keeping its last values", file, e.toString());
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
