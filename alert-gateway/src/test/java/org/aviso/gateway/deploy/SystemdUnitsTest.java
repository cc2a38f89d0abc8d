package org.aviso.gateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The units under deploy/systemd, checked by systemd itself: {@code systemd-analyze verify} reads them as the
 * server's systemd would (an unknown or misspelled directive is only a warning there, and the service then runs
 * without it, so any output at all fails here), and {@code systemd-analyze security} scores their hardening. Both
 * run against a scratch root: this system's own unit folder, our units in /etc/systemd/system, stand-ins for the
 * programs they start and for PostgreSQL's unit, which its own package installs on a real server. The values
 * checked (the user, the hardening, signal-cli's command line word by word) are read from what systemd's manager
 * loaded ({@link SystemdDump}), never from the file's text, where comments name the same flags.
 */
class SystemdUnitsTest {

    static final Path UNITS = DeployFiles.DEPLOY.resolve("systemd");
    static final String COMMAND_INSTANCE = "aviso-command@verify-audit-chain.service";

    static final List<String> OUR_UNITS = List.of("aviso.service", "signal-cli.service", COMMAND_INSTANCE,
            "aviso-backup.service", "aviso-backup.timer");

    @TempDir
    static Path root;
    static SystemdDump loaded;

    @BeforeAll
    static void scratchRoot() throws IOException {
        loaded = SystemdDump.of(UNITS, OUR_UNITS);
        Path systemUnits = Stream.of("/usr/lib/systemd/system", "/lib/systemd/system").map(Path::of)
                .filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new AssertionError("no systemd unit folder here; apt-get install systemd"));
        copyTree(systemUnits, root.resolve("usr/lib/systemd/system"));
        Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
        for (Path unit : ourUnits()) {
            Files.copy(unit, etc.resolve(unit.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (String name : OUR_UNITS) {
            for (String program : loaded.unit(name).programs()) {
                if (program.startsWith("/")) {
                    standIn(root.resolve(program.substring(1)));
                }
            }
        }
        Path postgres = root.resolve("usr/lib/systemd/system/postgresql.service");
        if (!Files.exists(postgres)) {
            Files.writeString(postgres, "[Unit]\nDescription=stand-in for PostgreSQL's own unit\n\n[Service]\n"
                    + "Type=oneshot\nExecStart=/bin/true\n");
            standIn(root.resolve("bin/true"));
        }
    }

    @Test
    void systemdAcceptsEveryUnitWithoutAWarning() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path unit : ourUnits()) {
            String name = unit.getFileName().toString();
            names.add(name.endsWith("@.service") ? COMMAND_INSTANCE : name);
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(OUR_UNITS);

        Tool verify = verify(names);

        assertThat(verify.exitCode()).as(verify.said()).isZero();
        assertThat(verify.out() + verify.err()).as("what systemd-analyze said").isBlank();
    }

    @Test
    void theVerificationFailsOnAMisspelledDirective() throws IOException {
        Path etc = root.resolve("etc/systemd/system");
        Files.writeString(etc.resolve("misspelled.service"), Files.readString(UNITS.resolve("aviso.service"))
                .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"));
        try {
            Tool verify = verify(List.of("misspelled.service"));

            assertThat(verify.out() + verify.err()).contains("Unknown key 'NoNewPrivilege'");
        } finally {
            Files.delete(etc.resolve("misspelled.service"));
        }
    }

    @Test
    void signalCliListensOnLoopbackOnlyAndReceivesOnlyWhileAvisoIsConnected() {
        assertSignalCliDaemonFlags(loaded.unit("signal-cli.service"));
    }

    @Test
    void theFlagCheckReadsTheCommandNotTheCommentsAboutIt() throws IOException {
        Path folder = Files.createDirectory(root.resolve("without-flags"));
        Path unit = folder.resolve("signal-cli.service");
        Files.writeString(unit, Files.readString(UNITS.resolve("signal-cli.service"))
                .replace(" --http 127.0.0.1:8081 --receive-mode=on-connection", ""));
        assertThat(Files.readString(unit)).as("the comments still name both flags")
                .contains("--http 127.0.0.1:8081").contains("--receive-mode=on-connection");

        SystemdDump.Unit withoutFlags = SystemdDump.of(folder, List.of("signal-cli.service")).unit("signal-cli.service");
        assertThatThrownBy(() -> assertSignalCliDaemonFlags(withoutFlags)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("--http");
    }

    @Test
    void avisoRunsUnprivilegedWithItsSettingsAndTheMasterKeyAsACredential() throws IOException {
        SystemdDump.Unit aviso = loaded.unit("aviso.service");

        assertThat(aviso.all("User")).containsExactly("aviso");
        assertThat(aviso.all("EnvironmentFile")).containsExactly("/etc/aviso/aviso.env");
        // systemd 252's dump leaves LoadCredential= out; it shows %d expanded to the folder the credential lands in
        assertThat(aviso.all("Environment"))
                .contains("AVISO_CRYPTO_MASTER_KEY_FILE=/run/credentials/aviso.service/aviso-master-key");
        assertThat(Files.readAllLines(UNITS.resolve("aviso.service"))).as("the credential's source, as written")
                .contains("LoadCredential=aviso-master-key:/etc/aviso/master.key");
        assertThat(aviso.all("ProtectSystem")).containsExactly("strict");
        assertThat(aviso.all("ReadWritePaths")).containsExactly("/var/lib/aviso");
        assertThat(aviso.command("ExecStart")).containsSubsequence("/usr/bin/java", "-jar", "/opt/aviso/alert-gateway.jar");
    }

    @Test
    void systemdScoresTheLongRunningServicesAsHardened() {
        // what systemd-analyze security reports as closed, for both services that stay up
        Set<String> required = Set.of("User=/DynamicUser=", "NoNewPrivileges=", "ProtectSystem=", "ProtectHome=",
                "PrivateTmp=", "PrivateDevices=", "ProtectKernelTunables=", "ProtectKernelModules=",
                "ProtectControlGroups=", "RestrictSUIDSGID=", "CapabilityBoundingSet=~CAP_SYS_ADMIN",
                "AmbientCapabilities=", "SystemCallArchitectures=", "RestrictNamespaces=~user", "UMask=");
        for (String service : List.of("aviso.service", "signal-cli.service", COMMAND_INSTANCE)) {
            Tool security = Tool.run("systemd-analyze", "security", "--offline=true", "--root=" + root,
                    "--threshold=20", "--json=short", service);
            assertThat(security.exitCode()).as(service + " has an overall exposure of 2.0 or less\n" + security.said())
                    .isZero();
            List<String> open = new ArrayList<>();
            for (JsonNode check : JsonMapper.shared().readTree(security.out())) {
                if (required.contains(check.path("name").asString()) && !check.path("set").asBoolean()) {
                    open.add(check.path("name").asString());
                }
            }
            assertThat(open).as(service + ": hardening systemd finds missing").isEmpty();
        }
    }

    /** signal-cli has no authentication, and outside on-connection mode it drops what arrives while Aviso is away. */
    static void assertSignalCliDaemonFlags(SystemdDump.Unit unit) {
        List<String> words = unit.command("ExecStart");
        assertThat(words).as("signal-cli's command").contains("daemon");
        List<String> daemonOptions = words.subList(words.indexOf("daemon") + 1, words.size());
        assertThat(daemonOptions).as("daemon options").containsSubsequence("--http", "127.0.0.1:8081")
                .contains("--receive-mode=on-connection");
        assertThat(words.subList(0, words.indexOf("daemon"))).as("global options")
                .containsSubsequence("--config", "/var/lib/signal-cli").doesNotContain("-a", "--account");
    }

    private Tool verify(List<String> units) {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + root, "--man=no",
                "--generators=no"));
        command.addAll(units);
        return Tool.run(command.toArray(String[]::new));
    }

    private static List<Path> ourUnits() throws IOException {
        try (Stream<Path> files = Files.list(UNITS)) {
            return files.filter(f -> f.toString().endsWith(".service") || f.toString().endsWith(".timer")).sorted()
                    .toList();
        }
    }

    private static void standIn(Path program) throws IOException {
        Files.createDirectories(program.getParent());
        Files.writeString(program, "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source) && Files.readSymbolicLink(source).toString().equals("/dev/null")) {
                    continue; // a masked unit: nothing of ours needs it
                } else if (Files.isSymbolicLink(source)) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
