package dev.fleet.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The edge's live routes file ({@code var/edge-routes.properties}, {@code FLEET_EDGE_ROUTES_FILE}): the edge re-reads
 * it every second, so a weight written here applies without a restart (docs/edge.md). Written atomically so the
 * edge never reads half a file.
 */
public final class RoutesFile {
    private RoutesFile() {
    }

    public static Map<String, String> read(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new FleetException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> values = new TreeMap<>();
        p.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return values;
    }

    /** Sets the given keys, keeping the others. */
    public static void merge(Path file, Map<String, String> values) {
        Map<String, String> all = read(file);
        all.putAll(values);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write("# written by ./fleet (stage, route); the edge re-reads it every second\n");
                for (Map.Entry<String, String> e : all.entrySet()) {
                    out.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FleetException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
