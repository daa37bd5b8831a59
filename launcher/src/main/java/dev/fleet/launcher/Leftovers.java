package dev.fleet.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The apps of a launcher that can no longer stop them (it was killed): found by the pids in {@code fleet.json}, and
 * stopped only if their command line still carries this var dir's marker ({@code -Dfleet.var=…}), so a reused pid
 * is never touched.
 */
final class Leftovers {
    private Leftovers() {
    }

    /** SIGTERM, then SIGKILL after the grace period; returns how many were running. */
    static int stop(Path var, State state) {
        String marker = "-Dfleet.var=" + var.toAbsolutePath();
        List<ProcessHandle> running = state.processes().stream().filter(p -> p.pid() > 0)
                .map(p -> ProcessHandle.of(p.pid())).flatMap(Optional::stream)
                .filter(h -> h.isAlive() && h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        running.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Launcher.STOP_GRACE.toNanos();
        for (ProcessHandle h : running) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        return running.size();
    }
}
