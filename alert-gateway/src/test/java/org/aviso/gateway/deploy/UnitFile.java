package org.aviso.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values of a systemd unit the way systemd does once {@code systemd-analyze verify} has accepted the file:
 * {@code [Section]} headers, {@code Key=Value} lines joined across a trailing backslash, and comment lines ({@code #}
 * or {@code ;}) skipped, also between continued lines. Only values are read here; whether the file is valid is
 * systemd's call.
 */
record UnitFile(Map<String, List<String>> values) {

    static UnitFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        String section = "";
        StringBuilder pending = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (pending != null) {
                pending.append(' ');
            } else if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            } else if (line.isEmpty()) {
                continue;
            } else {
                pending = new StringBuilder();
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1).strip() : line);
            if (!continues) {
                String assignment = pending.toString();
                int equals = assignment.indexOf('=');
                values.computeIfAbsent(section + "." + assignment.substring(0, equals).strip(), k -> new ArrayList<>())
                        .add(assignment.substring(equals + 1).strip());
                pending = null;
            }
        }
        return new UnitFile(values);
    }

    /** Every value given to {@code key} in {@code section}, in order. */
    List<String> all(String section, String key) {
        return values.getOrDefault(section + "." + key, List.of());
    }

    /** The words of a command line ({@code ExecStart=}), split on spaces outside quotes, quotes removed. */
    List<String> command(String key) {
        List<String> commands = all("Service", key);
        if (commands.size() != 1) {
            throw new AssertionError("expected exactly one " + key + ", found " + commands);
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : commands.get(0).toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
