package org.aviso.gateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of deploy/: the settings templates, the Compose file (read by a YAML library; Compose itself is not a
 * Debian package here), the image's Dockerfile and the operator guide's links. systemd units and the Caddyfile have
 * their own tests, run by their own tools. A file no test knows fails here, so a new kind arrives with its check.
 */
class DeployFolderTest {

    static final Path DEPLOY = DeployFiles.DEPLOY;
    static final Pattern SETTING = Pattern.compile("^(#\\s?)?([A-Z][A-Z0-9_]*)=(.*)$", Pattern.MULTILINE);
    static final Pattern SECRET = Pattern.compile(".*(AUTH_TOKEN|MASTER_SECRET|PASSWORD|_SECRET|METRICS_TOKEN)$");

    /** Which test checks each file. */
    static final Map<String, String> CHECKED_BY = Map.ofEntries(
            Map.entry("README.md", "DeployFolderTest.operatorGuideLinksLeadToFilesThatExist"),
            Map.entry("aviso.env.example", "DeployFolderTest.envTemplate*"),
            Map.entry("caddy/Caddyfile", "CaddyfileTest"),
            Map.entry("compose/compose.yaml", "DeployFolderTest.compose*"),
            Map.entry("compose/postgres.env.example", "DeployFolderTest.noTemplateHoldsASecret"),
            Map.entry("compose/Dockerfile", "DeployFolderTest.theImageRunsAvisoUnprivileged"),
            Map.entry("compose/Dockerfile.dockerignore", "DeployFolderTest.theImageGetsTheJarAndNothingElse"),
            Map.entry("systemd/aviso.service", "SystemdUnitsTest"),
            Map.entry("systemd/aviso-command@.service", "SystemdUnitsTest"),
            Map.entry("systemd/aviso-backup.service", "SystemdUnitsTest"),
            Map.entry("systemd/aviso-backup.timer", "SystemdUnitsTest"),
            Map.entry("systemd/signal-cli.service", "SystemdUnitsTest"));

    @Test
    void everyFileUnderDeployHasATestThatChecksIt() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile).map(f -> DEPLOY.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(files).as("files under deploy/ that no test checks; add a check and name it in CHECKED_BY")
                .allMatch(CHECKED_BY::containsKey);
        assertThat(CHECKED_BY.keySet()).as("checks of files that are gone").allMatch(files::contains);
    }

    @Test
    void envTemplateNamesEverySettingTheReadmeLists() throws IOException {
        // every setting of the README's configuration reference, except those only tests and demos use
        List<String> settings = readmeSettings().stream()
                .filter(name -> !name.startsWith("AVISO_DEMO_SIMULATION") && !name.equals("AVISO_TWILIO_API_BASE_URL")
                        && !name.equals("AVISO_CRYPTO_NEW_MASTER_SECRET")
                        && !name.startsWith("AVISO_EMBEDDED_DATABASE_STARTUP"))
                .toList();
        assertThat(settings).hasSizeGreaterThan(40).contains("AVISO_PUBLIC_BASE_URL", "SPRING_DATASOURCE_URL");

        assertThat(settings(DEPLOY.resolve("aviso.env.example")).keySet()).containsAll(settings);
    }

    @Test
    void noTemplateHoldsASecret() throws IOException {
        for (Path template : List.of(DEPLOY.resolve("aviso.env.example"), DEPLOY.resolve("compose/postgres.env.example"))) {
            Map<String, String> secrets = new LinkedHashMap<>();
            settings(template).forEach((name, value) -> {
                if (SECRET.matcher(name).matches() && !value.isEmpty()) {
                    secrets.put(name, value);
                }
            });
            assertThat(secrets).as(template + ": secrets filled in").isEmpty();
        }
        assertThat(settings(DEPLOY.resolve("aviso.env.example"))).containsKeys("AVISO_TWILIO_AUTH_TOKEN",
                "SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void composeRunsSignalCliOnlyOnItsPrivateNetworkAndReceivingWhileAvisoIsConnected() throws IOException {
        Map<String, Object> signalCli = service("signal-cli");
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) signalCli.get("command");

        List<String> daemonOptions = command.subList(command.indexOf("daemon") + 1, command.size());
        assertThat(daemonOptions).containsSubsequence("--http", "0.0.0.0:8081").contains("--receive-mode=on-connection");
        assertThat(signalCli).doesNotContainKeys("ports", "network_mode");
        assertThat(signalCli.get("networks")).isEqualTo(List.of("signal"));
    }

    @Test
    void composePublishesOnlyCaddyAndKeepsTheDatabaseOffTheInternet() throws IOException {
        Map<String, Object> compose = compose();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsOnlyKeys("postgres", "signal-cli", "aviso", "caddy");
        services.forEach((name, service) -> {
            if (!name.equals("caddy")) {
                assertThat(service).as(name).doesNotContainKeys("ports", "network_mode");
            }
        });
        assertThat(services.get("caddy").get("volumes").toString()).contains("../caddy/Caddyfile:/etc/caddy/Caddyfile:ro");
        assertThat(compose.get("networks").toString()).contains("database={internal=true}");
    }

    @Test
    void theImageRunsAvisoUnprivileged() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("compose/Dockerfile")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(lines).contains("USER 10001:10001");
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        JsonNode exec = JsonMapper.shared().readTree(entrypoint.substring("ENTRYPOINT ".length()));
        assertThat(exec).extracting(JsonNode::asString).containsExactly("java", "-XX:+ExitOnOutOfMemoryError", "-jar",
                "/opt/aviso/alert-gateway.jar");
    }

    @Test
    void theImageGetsTheJarAndNothingElse() throws IOException {
        assertThat(Files.readAllLines(DEPLOY.resolve("compose/Dockerfile.dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")))
                .containsExactly("*", "!alert-gateway/target/alert-gateway-*.jar");
    }

    @Test
    void operatorGuideLinksLeadToFilesThatExist() throws IOException {
        Matcher link = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)]*)?\\)").matcher(Files.readString(DEPLOY.resolve("README.md")));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        while (link.find()) {
            String target = link.group(1);
            if (!target.contains("://") && !target.startsWith("mailto:")) {
                checked++;
                if (!Files.exists(DEPLOY.resolve(target))) {
                    missing.add(target);
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(missing).as("links to missing files").isEmpty();
    }

    /** The settings a template names, switched on ({@code NAME=}) or offered ({@code #NAME=}), with their values. */
    static Map<String, String> settings(Path template) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher setting = SETTING.matcher(Files.readString(template));
        while (setting.find()) {
            settings.putIfAbsent(setting.group(2), setting.group(1) == null ? setting.group(3) : "");
            if (setting.group(1) == null) {
                settings.put(setting.group(2), setting.group(3));
            }
        }
        return settings;
    }

    /** The names in the first column of the README's configuration table. */
    private static List<String> readmeSettings() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(DeployFiles.REPO_ROOT.resolve("README.md"))) {
            if (line.startsWith("| `")) {
                Matcher name = Pattern.compile("`([A-Z_]+)`").matcher(line.split("\\|")[1]);
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return (Map<String, Object>) new Yaml(new SafeConstructor(options))
                .load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return ((Map<String, Map<String, Object>>) compose().get("services")).get(name);
    }
}
