package dev.fleet.loadtests.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Turbine {@code fleet} cluster summed over every command at one moment: the rolling (10 s) counts of fallbacks,
 * short-circuited and timed-out executions, and how many command instances had their circuit open.
 */
public record TurbinePoint(long at, long fallbacks, long shortCircuited, long timeouts, long openCircuits) {
    static final String HEADER = "at,fallbacks,shortCircuited,timeouts,openCircuits";

    static void write(Path csv, List<TurbinePoint> points) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        points.forEach(p -> lines.add(p.at + "," + p.fallbacks + "," + p.shortCircuited + "," + p.timeouts + "," + p.openCircuits));
        try {
            Files.write(csv, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<TurbinePoint> read(Path csv) {
        try {
            List<TurbinePoint> points = new ArrayList<>();
            for (String line : Files.readAllLines(csv).stream().skip(1).toList()) {
                String[] f = line.split(",");
                points.add(new TurbinePoint(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4])));
            }
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
