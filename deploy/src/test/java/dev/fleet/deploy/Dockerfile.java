package dev.fleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read the way the builder reads its lines: parser directives and comments dropped, {@code \}
 * continuations joined, each instruction in the stage its {@code FROM} opened. No variable is expanded.
 */
final class Dockerfile {
    final Path file;
    final List<Stage> stages = new ArrayList<>();

    record Instruction(String keyword, String arguments) {
    }

    /** {@code FROM image [AS name]} and the instructions up to the next {@code FROM}. */
    record Stage(String image, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        int indexOf(Instruction instruction) {
            return instructions.indexOf(instruction);
        }
    }

    Dockerfile(Path file) {
        this.file = file;
        try {
            parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    private void parse(List<String> lines) {
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                continue;   // comments and parser directives (# syntax=…), also between continued lines
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            pending.setLength(0);
            if (!text.isEmpty()) {
                add(text);
            }
        }
        if (!pending.toString().isBlank()) {
            throw new IllegalArgumentException(file + ": the last instruction ends in a line continuation");
        }
    }

    private void add(String text) {
        String[] parts = text.split("\\s+", 2);
        Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
        if (instruction.keyword.equals("FROM")) {
            String[] from = instruction.arguments.split("\\s+");
            boolean named = from.length == 3 && from[1].equalsIgnoreCase("AS");
            if (from.length != 1 && !named) {
                throw new IllegalArgumentException(file + ": FROM " + instruction.arguments + " is not 'image [AS name]'");
            }
            stages.add(new Stage(from[0], named ? from[2] : null, new ArrayList<>()));
        } else if (stages.isEmpty()) {
            if (!instruction.keyword.equals("ARG")) {
                throw new IllegalArgumentException(file + ": " + instruction.keyword + " before the first FROM");
            }
        } else {
            finalStage().instructions.add(instruction);
        }
    }
}
