package dev.fleet.loadtests.gatling;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV line per request of {@link FleetWorkload}: when it ended (epoch ms), which request, the HTTP status
 * (0 = no answer: refused, reset or timed out), how long it took, the services whose fallback answered
 * ({@code X-Fleet-Degraded}), which app answered ({@code X-Fleet-Origin}) and the id of a reservation it created.
 * Gatling's own report has no per-request flags; ./fleet compare builds its tables and charts from this file.
 */
public final class RequestLog implements AutoCloseable {
    public static final String HEADER = "at,request,status,ms,degraded,origin,reservation";

    private final BufferedWriter out;

    public RequestLog(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request log " + file, e);
        }
    }

    public synchronized void record(long at, String request, int status, long millis, String degraded, String origin,
                                    String reservation) {
        try {
            out.write(at + "," + request + "," + status + "," + millis + "," + clean(degraded) + "," + clean(origin)
                    + "," + clean(reservation));
            out.newLine();
            out.flush(); // ./fleet compare watches the file to time its mid-run faults
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Header values may hold commas (several degraded services); the CSV keeps them apart with '+'. */
    private static String clean(String value) {
        return value == null ? "" : value.replace(',', '+').replace(" ", "").replace("\n", "");
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
