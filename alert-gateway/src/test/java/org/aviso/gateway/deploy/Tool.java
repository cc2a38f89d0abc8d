package org.aviso.gateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the tools an operator runs (systemd-analyze, caddy) and keeps what it said. A tool that is not
 * installed fails the test with the package to install: {@code .ci/run} installs them, and a check that quietly
 * skips is no check.
 */
record Tool(int exitCode, String out, String err) {

    /** Runs {@code command} with these changes to the environment (a null value removes a variable). */
    static Tool run(Map<String, String> environment, String... command) {
        requireInstalled(command[0]);
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                environment.forEach((name, value) -> {
                    if (value == null) {
                        builder.environment().remove(name);
                    } else {
                        builder.environment().put(name, value);
                    }
                });
                Process process = builder.start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
                }
                return new Tool(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }

    static Tool run(String... command) {
        return run(Map.of(), command);
    }

    static void requireInstalled(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        String debianPackage = switch (program) {
            case "systemd-analyze" -> "systemd";
            default -> program;
        };
        throw new AssertionError(program + " is not installed; .ci/run installs it (apt-get install " + debianPackage
                + ")");
    }

    /** Everything the tool said, for an assertion message. */
    String said() {
        List<String> parts = new ArrayList<>();
        parts.add("exit " + exitCode);
        if (!out.isBlank()) {
            parts.add("stdout: " + out.strip());
        }
        if (!err.isBlank()) {
            parts.add("stderr: " + err.strip());
        }
        return String.join("\n", parts);
    }
}
