package org.aviso.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What systemd itself makes of our units. {@code systemd --test --system} loads units as the manager does at boot
 * (continued lines, comments, quoting and specifiers such as {@code %d} are systemd's business, not ours) and dumps
 * every unit it loaded, setting by setting, with each command as the {@code Command Line:} it would execute. A
 * target that wants the units we name pulls them all into one dump. systemd refuses test mode as root, so it runs
 * as nobody, reading a world-readable copy of the unit folder (named in {@code SYSTEMD_UNIT_PATH}, before the
 * system's own units).
 */
record SystemdDump(Map<String, Unit> units) {

    static final Path SYSTEMD = Path.of("/lib/systemd/systemd");
    private static final String TARGET = "aviso-dump-test.target";

    /** One unit as systemd loaded it: each setting's values in order, and each command's words. */
    record Unit(String name, Map<String, List<String>> settings, Map<String, List<String>> commands) {

        List<String> all(String key) {
            return settings.getOrDefault(key, List.of());
        }

        /** The words of the single command systemd would run for {@code key} (e.g. {@code ExecStart}). */
        List<String> command(String key) {
            List<String> lines = commands.getOrDefault(key, List.of());
            if (lines.size() != 1) {
                throw new AssertionError(name + ": expected exactly one " + key + " command, systemd has " + lines);
            }
            String line = lines.get(0);
            if (line.contains("\"") || line.contains("'") || line.contains("\\")) {
                // systemd quotes a word that holds spaces or quotes; none of the commands checked by words has one
                throw new AssertionError(name + ": " + key + " has quoted words, which this check does not split: "
                        + line);
            }
            return List.of(line.split(" "));
        }

        /** The program (first word) of every command systemd would run. */
        List<String> programs() {
            List<String> programs = new ArrayList<>();
            commands.values().forEach(lines -> lines.forEach(line -> programs.add(line.split(" ", 2)[0])));
            return programs;
        }
    }

    /** Loads the units in {@code unitFolder} and dumps the ones named (a template by an instance name). */
    static SystemdDump of(Path unitFolder, List<String> names) {
        if (!Files.isExecutable(SYSTEMD)) {
            throw new AssertionError(SYSTEMD + " is not installed; .ci/run installs it (apt-get install systemd)");
        }
        Path folder = readableCopy(unitFolder, names);
        try {
            Tool dump = Tool.run(Map.of("SYSTEMD_UNIT_PATH", folder + ":"), "setpriv", "--reuid=65534",
                    "--regid=65534", "--clear-groups", SYSTEMD.toString(), "--test", "--system", "--unit=" + TARGET,
                    "--no-pager");
            if (dump.exitCode() != 0) {
                throw new AssertionError("systemd --test failed\n" + dump.said());
            }
            SystemdDump parsed = parse(dump.out());
            for (String name : names) {
                Unit unit = parsed.units().get(name);
                if (unit == null || !unit.all("Unit Load State").equals(List.of("loaded"))) {
                    throw new AssertionError(name + " was not loaded by systemd: "
                            + (unit == null ? "absent" : unit.all("Unit Load State")) + "\n" + dump.err());
                }
            }
            return parsed;
        } finally {
            deleteTree(folder);
        }
    }

    Unit unit(String name) {
        Unit unit = units.get(name);
        if (unit == null) {
            throw new AssertionError("systemd did not load " + name);
        }
        return unit;
    }

    /**
     * The dump's shape: {@code \t-> Unit NAME:} opens a unit, {@code \t\tKey: value} is a setting, and
     * {@code \t\t-> ExecStart:} is followed by {@code \t\t\tCommand Line: ...} for each of its commands.
     */
    static SystemdDump parse(String dump) {
        Map<String, Unit> units = new LinkedHashMap<>();
        Map<String, List<String>> settings = null;
        Map<String, List<String>> commands = null;
        String command = null;
        for (String line : dump.split("\n")) {
            if (line.startsWith("\t-> Unit ") && line.endsWith(":")) {
                String name = line.substring("\t-> Unit ".length(), line.length() - 1);
                settings = new LinkedHashMap<>();
                commands = new LinkedHashMap<>();
                command = null;
                units.put(name, new Unit(name, settings, commands));
            } else if (settings == null || !line.startsWith("\t\t")) {
                if (!line.startsWith("\t")) {
                    settings = null; // "-> By jobs:" and the like end the units
                }
            } else if (line.startsWith("\t\t-> ") && line.endsWith(":")) {
                command = line.substring("\t\t-> ".length(), line.length() - 1);
            } else if (line.startsWith("\t\t\tCommand Line: ") && command != null) {
                commands.computeIfAbsent(command, k -> new ArrayList<>())
                        .add(line.substring("\t\t\tCommand Line: ".length()));
            } else if (!line.startsWith("\t\t\t")) {
                command = null;
                int colon = line.indexOf(": ");
                String key = colon < 0 ? line.strip().replaceFirst(":$", "") : line.substring(2, colon);
                String value = colon < 0 ? "" : line.substring(colon + 2);
                settings.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return new SystemdDump(units);
    }

    private static Path readableCopy(Path unitFolder, List<String> names) {
        try {
            Path folder = Files.createTempDirectory("systemd-dump");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Stream<Path> files = Files.list(unitFolder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = folder.resolve(file.getFileName());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            Path target = folder.resolve(TARGET);
            Files.writeString(target, "[Unit]\nDescription=pulls the units under test into systemd's dump\nWants="
                    + String.join(" ", names) + "\n");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
