package dev.fleet.loadtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine facts every benchmark report starts with. */
public final class Machine {
    private Machine() {
    }

    public static String line(double loadBefore, double loadAfter) {
        return "- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + System.getProperty("os.name") + ' ' + System.getProperty("os.arch") + "; load average "
                + load(loadBefore) + " before, " + load(loadAfter) + " after\n"
                + "- Java: " + System.getProperty("java.vm.name") + ' ' + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static String load(double value) {
        return value < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
