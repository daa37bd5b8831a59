package dev.fleet.loadtests.compare;

import dev.fleet.loadtests.gatling.RequestLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of a {@link RequestLog}: a request of the workload as the client saw it. */
public record RequestSample(long at, String request, int status, long millis, String degraded, String origin,
                            String reservation) {

    /** No answer (refused, reset, timed out) or a 5xx: the system failed the client. */
    public boolean error() {
        return status == 0 || status >= 500;
    }

    /** Answered, but by a fallback somewhere on the way ({@code X-Fleet-Degraded}). */
    public boolean fallback() {
        return !degraded.isEmpty();
    }

    public static List<RequestSample> read(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            if (lines.isEmpty() || !lines.get(0).equals(RequestLog.HEADER)) {
                throw new IllegalArgumentException(csv + " is not a request log (header " + RequestLog.HEADER + ")");
            }
            List<RequestSample> samples = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length == 7) { // a line cut short by a crashed run is skipped
                    samples.add(new RequestSample(Long.parseLong(f[0]), f[1], Integer.parseInt(f[2]),
                            Long.parseLong(f[3]), f[4], f[5], f[6]));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
