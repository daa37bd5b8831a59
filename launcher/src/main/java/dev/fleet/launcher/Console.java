package dev.fleet.launcher;

import java.io.PrintStream;
import java.util.List;

/**
 * The terminal: every app's lines with a coloured {@code name |} prefix (colour only on a terminal and without
 * {@code NO_COLOR}), and the launcher's own messages. One lock, so lines of different apps never interleave.
 */
public final class Console {
    private static final List<String> COLOURS = List.of("36", "33", "32", "35", "34", "96", "93", "92", "95", "94");
    private static final int WIDTH = 22;

    private final PrintStream out;
    private final boolean colour;

    public Console(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    public static Console system() {
        return new Console(System.out, System.console() != null && System.getenv("NO_COLOR") == null);
    }

    /** A line of an app's output. */
    public synchronized void app(String name, int index, String line) {
        String prefix = String.format("%-" + WIDTH + "s| ", name);
        if (colour) {
            out.println("\u001b[" + COLOURS.get(index % COLOURS.size()) + "m" + prefix + "\u001b[0m" + line);
        } else {
            out.println(prefix + line);
        }
    }

    /** The launcher's own message. */
    public synchronized void info(String message) {
        String prefix = String.format("%-" + WIDTH + "s| ", "fleet");
        out.println((colour ? "\u001b[1m" + prefix + "\u001b[0m" : prefix) + message);
    }

    /** A block printed as it is (the table of URLs). */
    public synchronized void block(String text) {
        out.print(text);
        out.flush();
    }
}
