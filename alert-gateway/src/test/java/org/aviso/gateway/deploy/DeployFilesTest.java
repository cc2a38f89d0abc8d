package org.aviso.gateway.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Volunteers copy the files under {@code deploy/} onto servers, where a typo shows only when a service will not
 * start, or worse, starts without its hardening (systemd ignores an unknown directive with a warning). This test
 * parses every one of them by type and names the file and line of the first problem. A file type without a
 * checker fails the test, so a new kind of file arrives together with its checker.
 */
class DeployFilesTest {

    private static final Path REPO_ROOT = findRepoRoot();

    @TestFactory
    Stream<DynamicTest> everyFileUnderDeployParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPO_ROOT.resolve("deploy"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).as("files under deploy/").isNotEmpty();
        return files.stream().map(file -> dynamicTest(displayName(REPO_ROOT, file),
                () -> DeployFiles.check(REPO_ROOT, file)));
    }

    @Test
    void envTemplateNamesEverySettingTheGatewayReads() throws IOException {
        // Every setting the README's configuration reference names, except those only tests or demos use.
        List<String> settings = readmeSettings().stream()
                .filter(name -> !name.startsWith("AVISO_DEMO_SIMULATION") && !name.equals("AVISO_TWILIO_API_BASE_URL")
                        && !name.equals("AVISO_CRYPTO_NEW_MASTER_SECRET")
                        && !name.startsWith("AVISO_EMBEDDED_DATABASE_STARTUP"))
                .toList();
        assertThat(settings).hasSizeGreaterThan(40).contains("AVISO_PUBLIC_BASE_URL", "SPRING_DATASOURCE_URL");

        EnvTemplate template = EnvTemplate.parse(source(REPO_ROOT, REPO_ROOT.resolve("deploy/aviso.env.example")));

        assertThat(template.documentedNames()).containsAll(settings);
    }

    /** The names in the first column of the README's configuration table. */
    private static List<String> readmeSettings() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(REPO_ROOT.resolve("README.md"))) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.split("\\|")[1];
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("`([A-Z_]+)`").matcher(cell);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    @Test
    void signalCliReceivesOnlyWhileAvisoIsConnectedAndOnlyOnLoopback() throws IOException {
        String unit = Files.readString(REPO_ROOT.resolve("deploy/systemd/signal-cli.service"));
        String compose = Files.readString(REPO_ROOT.resolve("deploy/compose/compose.yaml"));

        assertThat(unit).contains("--receive-mode=on-connection").contains("--http 127.0.0.1:8081");
        assertThat(compose).contains("--receive-mode=on-connection");
    }

    @Test
    void caddyKeepsMetricsOffTheInternet() throws IOException {
        String caddyfile = Files.readString(REPO_ROOT.resolve("deploy/caddy/Caddyfile"));

        assertThat(caddyfile).containsPattern("path /actuator /actuator/\\*")
                .containsPattern("not path /actuator/health /actuator/health/\\*")
                .contains("respond 404");
    }

    @Test
    void avisoServiceRunsUnprivilegedWithItsSettingsFile() throws IOException {
        SystemdUnit unit = SystemdUnit.parse(source(REPO_ROOT, REPO_ROOT.resolve("deploy/systemd/aviso.service")));

        assertThat(unit.values("Service", "User")).containsExactly("aviso");
        assertThat(unit.values("Service", "EnvironmentFile")).containsExactly("/etc/aviso/aviso.env");
        assertThat(unit.values("Service", "NoNewPrivileges")).containsExactly("yes");
        assertThat(unit.values("Service", "ProtectSystem")).containsExactly("strict");
        assertThat(unit.values("Service", "ReadWritePaths")).containsExactly("/var/lib/aviso");
    }

    /** Each checker must be able to fail: these feed it a broken sample and expect file and line. */
    @Nested
    class RejectsBrokenSamples {

        @TempDir
        Path dir;

        @Test
        void fileOfUnknownKind() {
            assertRejected("notes.txt", "hello\n", "notes.txt: no checker for this kind of file");
        }

        @Test
        void fileThatIsNotUtf8() {
            writeBytes("README.md", "# Title\nok\n\u00e9".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> DeployFiles.check(dir, dir.resolve("README.md")))
                    .hasMessageContaining("README.md:3: not valid UTF-8");
        }

        @Test
        void windowsLineEndings() {
            assertRejected("x.md", "# Title\r\n", "x.md:1: carriage return");
        }

        @Test
        void yamlWithAnUnclosedList() {
            assertRejected("broken.yaml", "a: 1\nb: [1, 2\nc: 3\n", "broken.yaml:3:");
        }

        @Test
        void yamlWithADuplicateKey() {
            assertRejected("dup.yml", "a: 1\nb: 2\na: 3\n", "dup.yml:3:");
        }

        @Test
        void composeWithoutCaddy() {
            assertRejected("compose.yaml", """
                    services:
                      postgres: {image: postgres:17}
                      signal-cli: {image: x}
                      aviso: {image: y}
                    """, "compose.yaml:1: service 'caddy' is missing");
        }

        @Test
        void composePublishingSignalCli() {
            assertRejected("compose.yaml", """
                    services:
                      postgres: {image: postgres:17}
                      signal-cli:
                        image: x
                        ports: ["8081:8081"]
                      aviso: {image: y}
                      caddy: {image: caddy:2}
                    """, "compose.yaml:5: service 'signal-cli' publishes ports");
        }

        @Test
        void composeUsingAnUndeclaredVolume() {
            assertRejected("compose.yaml", """
                    services:
                      postgres:
                        image: postgres:17
                        volumes:
                          - pgdata:/var/lib/postgresql/data
                      signal-cli: {image: x}
                      aviso: {image: y}
                      caddy: {image: caddy:2}
                    """, "compose.yaml:5: volume 'pgdata' is not declared");
        }

        @Test
        void unitWithoutExecStart() {
            assertRejected("x.service", """
                    [Unit]
                    Description=x
                    [Service]
                    User=x
                    [Install]
                    WantedBy=multi-user.target
                    """, "x.service:3: [Service] has no ExecStart");
        }

        @Test
        void unitWithAMisspelledDirective() {
            assertRejected("x.service", """
                    [Unit]
                    Description=x
                    [Service]
                    ExecStart=/bin/true
                    ProtectSytem=strict
                    [Install]
                    WantedBy=multi-user.target
                    """, "x.service:5: unknown directive 'ProtectSytem'");
        }

        @Test
        void unitWithAKeyBeforeAnySection() {
            assertRejected("x.service", "Description=x\n[Unit]\n", "x.service:1: 'Description' comes before any [Section]");
        }

        @Test
        void unitEndingInAContinuation() {
            assertRejected("x.service", """
                    [Unit]
                    Description=x
                    [Service]
                    ExecStart=/bin/echo \\
                    """, "x.service:4: continued with '\\' but the file ends");
        }

        @Test
        void unitWithoutInstallSection() {
            assertRejected("x.service", """
                    [Unit]
                    Description=x
                    [Service]
                    ExecStart=/bin/true
                    """, "x.service: no [Install] section");
        }

        @Test
        void unitWithAnInvalidBoolean() {
            assertRejected("x.service", """
                    [Unit]
                    Description=x
                    [Service]
                    ExecStart=/bin/true
                    NoNewPrivileges=ye
                    [Install]
                    WantedBy=multi-user.target
                    """, "x.service:5: NoNewPrivileges=ye");
        }

        @Test
        void envTemplateWithASecretFilledIn() {
            assertRejected("a.env.example", "# ok\nPORT=8080\nAVISO_TWILIO_AUTH_TOKEN=abc123\n",
                    "a.env.example:3: AVISO_TWILIO_AUTH_TOKEN has a value");
        }

        @Test
        void envTemplateWithACommentedSecretFilledIn() {
            assertRejected("a.env.example", "#AVISO_CRYPTO_MASTER_SECRET=c2VjcmV0\n",
                    "a.env.example:1: AVISO_CRYPTO_MASTER_SECRET has a value");
        }

        @Test
        void envTemplateWithQuotes() {
            assertRejected("a.env.example", "PORT=\"8080\"\n", "a.env.example:1: PORT: quotes");
        }

        @Test
        void envTemplateWithALineThatIsNoSetting() {
            assertRejected("a.env.example", "PORT=8080\nthis is prose\n", "a.env.example:2: expected NAME=value");
        }

        @Test
        void caddyfileWithAnUnclosedBlock() {
            assertRejected("Caddyfile", """
                    example.org {
                    	handle {
                    		respond 404
                    }
                    """, "Caddyfile:1: '{' is never closed");
        }

        @Test
        void caddyfileWithAStrayClosingBrace() {
            assertRejected("Caddyfile", "example.org {\n\trespond 404\n}\n}\n", "Caddyfile:4: '}' closes nothing");
        }

        @Test
        void caddyfileWithAnUnclosedQuote() {
            assertRejected("Caddyfile", "example.org {\n\theader X-A \"b\n}\n", "Caddyfile:2: quote is never closed");
        }

        @Test
        void caddyfileWithABraceGluedToAToken() {
            assertRejected("Caddyfile", "example.org {\n\thandle{\n\t}\n}\n", "Caddyfile:2: unbalanced brace in 'handle{'");
        }

        @Test
        void caddyfileWithAnUnknownTopLevelEntry() {
            assertRejected("Caddyfile", "reverse_proxy localhost:8080\n", "Caddyfile:1: expected a site block");
        }

        @Test
        void caddyfileWithAMisspelledDirective() {
            assertRejected("Caddyfile", "example.org {\n\treverse_proxi localhost:8080\n}\n",
                    "Caddyfile:2: unknown directive 'reverse_proxi'");
        }

        @Test
        void dockerfileNotStartingWithFrom() {
            assertRejected("Dockerfile", "# image\nRUN true\nFROM x\n", "Dockerfile:2: the first instruction must be FROM");
        }

        @Test
        void dockerfileWithAnUnknownInstruction() {
            assertRejected("Dockerfile", "FROM x\nCOPPY a b\n", "Dockerfile:2: unknown instruction 'COPPY'");
        }

        @Test
        void dockerfileWithASingleQuotedExecForm() {
            assertRejected("Dockerfile", "FROM x\nENTRYPOINT ['java', '-jar', 'a.jar']\n",
                    "Dockerfile:2: ENTRYPOINT: exec form is not a JSON array");
        }

        @Test
        void dockerignoreWithALoneExclamationMark() {
            assertRejected("Dockerfile.dockerignore", "*\n!\n", "Dockerfile.dockerignore:2: '!' without a pattern");
        }

        @Test
        void markdownWithAnUnclosedCodeFence() {
            assertRejected("README.md", "# T\n\n```\nsudo true\n", "README.md:3: code fence is never closed");
        }

        @Test
        void markdownLinkingToAMissingFile() {
            assertRejected("README.md", "# T\n\nSee [the unit](systemd/nope.service).\n",
                    "README.md:3: link to a missing file 'systemd/nope.service'");
        }

        private void assertRejected(String name, String content, String expectedMessage) {
            writeBytes(name, content.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> DeployFiles.check(dir, dir.resolve(name)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(expectedMessage);
        }

        private void writeBytes(String name, byte[] bytes) {
            try {
                Files.write(dir.resolve(name), bytes);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plumbing shared by the checkers
    // ---------------------------------------------------------------------------------------------------------------

    private static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No deploy/ folder above " + Path.of("").toAbsolutePath());
    }

    private static String displayName(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static Source source(Path root, Path file) {
        return DeployFiles.read(displayName(root, file), file);
    }

    /** A failed check: names the file and, where known, the line, the way compilers do. */
    static final class Problem extends AssertionError {
        Problem(String file, int line, String message) {
            super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        }
    }

    /** One file's text, split into lines numbered from 1. */
    record Source(String name, Path path, String text) {

        List<String> lines() {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }

        Problem problem(int line, String message) {
            return new Problem(name, line, message);
        }
    }

    /** Chooses a checker by file name and runs it. */
    static final class DeployFiles {

        static void check(Path root, Path file) {
            String name = displayName(root, file);
            Consumer<Source> checker = checkerFor(file.getFileName().toString()).orElseThrow(() -> new Problem(name, 0,
                    "no checker for this kind of file; add one to DeployFilesTest so that it is parsed too"));
            checker.accept(read(name, file));
        }

        static Optional<Consumer<Source>> checkerFor(String fileName) {
            if (fileName.matches("(docker-)?compose\\.ya?ml")) {
                return Optional.of(source -> {
                    YamlFile.load(source);
                    ComposeFile.check(source);
                });
            }
            if (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
                return Optional.of(YamlFile::load);
            }
            if (fileName.endsWith(".service") || fileName.endsWith(".timer")) {
                return Optional.of(SystemdUnit::parse);
            }
            if (fileName.endsWith(".env.example")) {
                return Optional.of(EnvTemplate::parse);
            }
            if (fileName.equals("Caddyfile")) {
                return Optional.of(Caddyfile::check);
            }
            if (fileName.endsWith(".dockerignore")) {
                return Optional.of(Dockerignore::check);
            }
            if (fileName.equals("Dockerfile") || fileName.endsWith(".Dockerfile")) {
                return Optional.of(Dockerfile::check);
            }
            if (fileName.endsWith(".md")) {
                return Optional.of(Markdown::check);
            }
            return Optional.empty();
        }

        /** Reads strict UTF-8 and refuses what every tool here would misread: CR line endings and NUL. */
        static Source read(String name, Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            }
            catch (IOException e) {
                throw new Problem(name, 0, "cannot be read: " + e.getMessage());
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length + 1);
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new Problem(name, lineAtByte(bytes, in.position()), "not valid UTF-8");
            }
            decoder.flush(out);
            String text = out.flip().toString();
            for (int i = 0, line = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r') {
                    throw new Problem(name, line, "carriage return (Windows line ending); save with Unix line endings,"
                            + " or systemd and the shell read it as part of the value");
                }
                if (c == '\0') {
                    throw new Problem(name, line, "NUL character; is this a binary file?");
                }
                if (c == '\n') {
                    line++;
                }
            }
            return new Source(name, file, text);
        }

        private static int lineAtByte(byte[] bytes, int offset) {
            int line = 1;
            for (int i = 0; i < offset && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // YAML and Compose
    // ---------------------------------------------------------------------------------------------------------------

    static final class YamlFile {

        static List<Object> load(Source source) {
            try {
                List<Object> documents = new ArrayList<>();
                for (Object document : yaml().loadAll(source.text())) {
                    documents.add(document);
                }
                return documents;
            }
            catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String what = Stream.of(e.getContext(), e.getProblem()).filter(s -> s != null && !s.isBlank())
                        .collect(Collectors.joining(", "));
                throw source.problem(mark == null ? 0 : mark.getLine() + 1, "YAML: " + what);
            }
            catch (YAMLException e) {
                throw source.problem(0, "YAML: " + e.getMessage());
            }
        }

        static Node compose(Source source) {
            return yaml().compose(new StringReader(source.text()));
        }

        private static Yaml yaml() {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(new SafeConstructor(options));
        }
    }

    /**
     * The structure Compose itself would refuse, plus Aviso's rule: only Caddy publishes ports. signal-cli's API
     * has no authentication and Aviso trusts X-Forwarded-* headers, so neither may be reachable from outside.
     */
    static final class ComposeFile {

        private static final List<String> REQUIRED_SERVICES = List.of("postgres", "signal-cli", "aviso", "caddy");
        private static final Set<String> MAY_PUBLISH_PORTS = Set.of("caddy");

        static void check(Source source) {
            Node root = YamlFile.compose(source);
            if (!(root instanceof MappingNode top)) {
                throw source.problem(1, "expected a mapping with 'services'");
            }
            MappingNode services = mapping(source, top, "services")
                    .orElseThrow(() -> source.problem(line(top), "no 'services'"));
            Map<String, Node> byName = entries(services);
            for (String required : REQUIRED_SERVICES) {
                if (!byName.containsKey(required)) {
                    throw source.problem(keyLine(top, "services"), "service '" + required + "' is missing");
                }
            }
            Set<String> volumes = entries(mapping(source, top, "volumes").orElse(null)).keySet();
            Set<String> networks = entries(mapping(source, top, "networks").orElse(null)).keySet();
            Set<String> secrets = entries(mapping(source, top, "secrets").orElse(null)).keySet();

            byName.forEach((name, node) -> {
                if (!(node instanceof MappingNode service)) {
                    throw source.problem(line(node), "service '" + name + "' must be a mapping");
                }
                Map<String, Node> keys = entries(service);
                if (!keys.containsKey("image") && !keys.containsKey("build")) {
                    throw source.problem(line(service), "service '" + name + "' has neither image nor build");
                }
                if (keys.containsKey("ports") && !MAY_PUBLISH_PORTS.contains(name)) {
                    throw source.problem(line(keys.get("ports")), "service '" + name + "' publishes ports to the host;"
                            + " only " + MAY_PUBLISH_PORTS + " may (signal-cli has no authentication, Aviso trusts"
                            + " forwarded headers, PostgreSQL holds everything)");
                }
                Node networkMode = keys.get("network_mode");
                if (networkMode instanceof ScalarNode mode && mode.getValue().equals("host")
                        && !MAY_PUBLISH_PORTS.contains(name)) {
                    throw source.problem(line(mode), "service '" + name + "' uses the host network");
                }
                for (ScalarNode target : names(keys.get("depends_on"))) {
                    requireDeclared(source, byName.keySet(), target, "service");
                }
                for (ScalarNode network : names(keys.get("networks"))) {
                    requireDeclared(source, networks, network, "network");
                }
                for (ScalarNode secret : names(keys.get("secrets"))) {
                    requireDeclared(source, secrets, secret, "secret");
                }
                if (keys.get("volumes") instanceof SequenceNode mounts) {
                    for (Node mount : mounts.getValue()) {
                        if (mount instanceof ScalarNode shortForm) {
                            String from = shortForm.getValue().split(":", 2)[0];
                            boolean named = !from.isEmpty() && !from.startsWith("/") && !from.startsWith(".")
                                    && !from.startsWith("~") && !from.startsWith("$");
                            if (named && shortForm.getValue().contains(":") && !volumes.contains(from)) {
                                throw source.problem(line(shortForm), "volume '" + from + "' is not declared under"
                                        + " the top-level 'volumes'");
                            }
                        }
                    }
                }
            });
        }

        private static void requireDeclared(Source source, Set<String> declared, ScalarNode used, String kind) {
            if (!declared.contains(used.getValue())) {
                throw source.problem(line(used), kind + " '" + used.getValue() + "' is not declared");
            }
        }

        /** The names in a list ({@code [a, b]}) or the keys of a mapping ({@code a: {...}}). */
        private static List<ScalarNode> names(Node node) {
            List<ScalarNode> names = new ArrayList<>();
            if (node instanceof SequenceNode sequence) {
                sequence.getValue().stream().filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
                        .forEach(names::add);
            }
            else if (node instanceof MappingNode mapping) {
                mapping.getValue().stream().map(NodeTuple::getKeyNode).filter(ScalarNode.class::isInstance)
                        .map(ScalarNode.class::cast).forEach(names::add);
            }
            return names;
        }

        private static Optional<MappingNode> mapping(Source source, MappingNode parent, String key) {
            Node node = entries(parent).get(key);
            if (node == null) {
                return Optional.empty();
            }
            if (!(node instanceof MappingNode mapping)) {
                throw source.problem(line(node), "'" + key + "' must be a mapping");
            }
            return Optional.of(mapping);
        }

        private static Map<String, Node> entries(MappingNode mapping) {
            Map<String, Node> entries = new LinkedHashMap<>();
            if (mapping != null) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key) {
                        entries.put(key.getValue(), tuple.getValueNode());
                    }
                }
            }
            return entries;
        }

        private static int line(Node node) {
            return node.getStartMark().getLine() + 1;
        }

        private static int keyLine(MappingNode mapping, String key) {
            return mapping.getValue().stream()
                    .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key))
                    .findFirst().map(tuple -> line(tuple.getKeyNode())).orElse(0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // systemd units
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * systemd's INI dialect: [Section] headers, Key=Value lines, '\' continuations, '#' and ';' comments. Directives
     * are checked against a list, because systemd only warns about an unknown one and then runs without it.
     */
    record SystemdUnit(Map<String, Map<String, List<String>>> sections) {

        private static final Pattern SECTION = Pattern.compile("\\[([^\\[\\]]+)]");
        private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)\\s*=(.*)");
        private static final Set<String> BOOLEANS = Set.of("yes", "no", "true", "false", "on", "off", "1", "0");

        private static final Map<String, Set<String>> KNOWN_DIRECTIVES = Map.of(
                "Unit", Set.of("Description", "Documentation", "After", "Before", "Wants", "Requires", "Requisite",
                        "BindsTo", "PartOf", "Upholds", "Conflicts", "OnFailure", "OnSuccess", "StartLimitIntervalSec",
                        "StartLimitBurst", "StartLimitAction", "ConditionPathExists", "ConditionPathIsDirectory",
                        "AssertPathExists", "DefaultDependencies", "RefuseManualStart", "RefuseManualStop",
                        "JobTimeoutSec"),
                "Service", Set.of("Type", "User", "Group", "DynamicUser", "SupplementaryGroups", "WorkingDirectory",
                        "RootDirectory", "Environment", "EnvironmentFile", "PassEnvironment", "LoadCredential",
                        "LoadCredentialEncrypted", "SetCredential", "ExecStartPre", "ExecStart", "ExecStartPost",
                        "ExecReload", "ExecStop", "ExecStopPost", "SuccessExitStatus", "RestartPreventExitStatus",
                        "Restart", "RestartSec", "TimeoutStartSec", "TimeoutStopSec", "TimeoutSec", "WatchdogSec",
                        "KillMode", "KillSignal", "UMask", "LimitNOFILE", "LimitNPROC", "MemoryMax", "MemoryHigh",
                        "CPUQuota", "TasksMax", "Nice", "OOMScoreAdjust", "StandardOutput", "StandardError",
                        "SyslogIdentifier", "StateDirectory", "StateDirectoryMode", "CacheDirectory",
                        "CacheDirectoryMode", "LogsDirectory", "LogsDirectoryMode", "RuntimeDirectory",
                        "RuntimeDirectoryMode", "ConfigurationDirectory", "ConfigurationDirectoryMode",
                        "NoNewPrivileges", "ProtectSystem", "ProtectHome", "ReadWritePaths", "ReadOnlyPaths",
                        "InaccessiblePaths", "BindPaths", "BindReadOnlyPaths", "PrivateTmp", "PrivateDevices",
                        "PrivateNetwork", "PrivateUsers", "PrivateIPC", "ProtectKernelTunables", "ProtectKernelModules",
                        "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname", "ProtectProc",
                        "ProcSubset", "RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime",
                        "RestrictSUIDSGID", "RemoveIPC", "LockPersonality", "MemoryDenyWriteExecute",
                        "CapabilityBoundingSet", "AmbientCapabilities", "SystemCallArchitectures", "SystemCallFilter",
                        "SystemCallErrorNumber", "IPAddressAllow", "IPAddressDeny", "DevicePolicy", "DeviceAllow",
                        "KeyringMode", "NotifyAccess", "PIDFile", "RemainAfterExit", "GuessMainPID"),
                "Timer", Set.of("OnCalendar", "OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec",
                        "OnUnitInactiveSec", "RandomizedDelaySec", "FixedRandomDelay", "AccuracySec", "Persistent",
                        "WakeSystem", "RemainAfterElapse", "Unit"),
                "Install", Set.of("WantedBy", "RequiredBy", "Also", "Alias", "DefaultInstance"));

        private static final Set<String> BOOLEAN_DIRECTIVES = Set.of("NoNewPrivileges", "PrivateTmp", "PrivateDevices",
                "PrivateNetwork", "PrivateUsers", "PrivateIPC", "ProtectKernelTunables", "ProtectKernelModules",
                "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname", "RestrictRealtime",
                "RestrictSUIDSGID", "RemoveIPC", "LockPersonality", "MemoryDenyWriteExecute", "DynamicUser",
                "Persistent", "RemainAfterExit", "DefaultDependencies", "WakeSystem");

        private static final Map<String, Set<String>> ENUM_DIRECTIVES = Map.of(
                "Type", Set.of("simple", "exec", "forking", "oneshot", "dbus", "notify", "notify-reload", "idle"),
                "Restart", Set.of("no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort", "always"),
                "ProtectSystem", Set.of("yes", "no", "true", "false", "full", "strict"),
                "ProtectHome", Set.of("yes", "no", "true", "false", "read-only", "tmpfs"),
                "ProtectProc", Set.of("noaccess", "invisible", "ptraceable", "default"));

        List<String> values(String section, String key) {
            return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
        }

        static SystemdUnit parse(Source source) {
            String fileName = source.path().getFileName().toString();
            String unitType = fileName.substring(fileName.lastIndexOf('.') + 1);
            String typeSection = unitType.equals("timer") ? "Timer" : "Service";
            Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
            Map<String, Integer> sectionLines = new LinkedHashMap<>();
            List<String> lines = source.lines();
            String section = null;
            for (int i = 0; i < lines.size(); i++) {
                int lineNumber = i + 1;
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                Matcher header = SECTION.matcher(line);
                if (header.matches()) {
                    section = header.group(1);
                    boolean known = section.equals("Unit") || section.equals(typeSection) || section.equals("Install")
                            || section.startsWith("X-");
                    if (!known) {
                        throw source.problem(lineNumber, "unknown section [" + section + "] for a ." + unitType
                                + " unit");
                    }
                    sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                    sectionLines.putIfAbsent(section, lineNumber);
                    continue;
                }
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (!assignment.matches()) {
                    throw source.problem(lineNumber, "expected [Section], Key=Value or a comment");
                }
                String key = assignment.group(1);
                if (section == null) {
                    throw source.problem(lineNumber, "'" + key + "' comes before any [Section]");
                }
                StringBuilder value = new StringBuilder(assignment.group(2).strip());
                int start = lineNumber;
                while (value.length() > 0 && value.charAt(value.length() - 1) == '\\') {
                    value.setLength(value.length() - 1);
                    i = nextNonCommentLine(lines, i);
                    if (i >= lines.size()) {
                        throw source.problem(start, "continued with '\\' but the file ends");
                    }
                    value.append(' ').append(lines.get(i).strip());
                }
                checkDirective(source, start, section, key, value.toString().strip());
                sections.get(section).computeIfAbsent(key, k -> new ArrayList<>()).add(value.toString().strip());
            }
            SystemdUnit unit = new SystemdUnit(sections);
            unit.checkRequiredSections(source, typeSection, sectionLines);
            return unit;
        }

        /** systemd skips comment lines inside a continuation. */
        private static int nextNonCommentLine(List<String> lines, int i) {
            int next = i + 1;
            while (next < lines.size() && (lines.get(next).strip().startsWith("#")
                    || lines.get(next).strip().startsWith(";"))) {
                next++;
            }
            return next;
        }

        private static void checkDirective(Source source, int line, String section, String key, String value) {
            Set<String> known = KNOWN_DIRECTIVES.get(section);
            if (known != null && !known.contains(key)) {
                throw source.problem(line, "unknown directive '" + key + "' in [" + section + "]; systemd would"
                        + " ignore it with only a warning. A typo? If it is real, add it to KNOWN_DIRECTIVES");
            }
            if (BOOLEAN_DIRECTIVES.contains(key) && !BOOLEANS.contains(value.toLowerCase(Locale.ROOT))) {
                throw source.problem(line, key + "=" + value + " is not a boolean (yes or no)");
            }
            Set<String> allowed = ENUM_DIRECTIVES.get(key);
            if (allowed != null && !allowed.contains(value)) {
                throw source.problem(line, key + "=" + value + " is not one of " + allowed);
            }
        }

        private void checkRequiredSections(Source source, String typeSection, Map<String, Integer> sectionLines) {
            if (!sections.containsKey("Unit")) {
                throw source.problem(0, "no [Unit] section");
            }
            if (!sections.containsKey(typeSection)) {
                throw source.problem(0, "no [" + typeSection + "] section");
            }
            if (typeSection.equals("Service") && values("Service", "ExecStart").isEmpty()) {
                throw source.problem(sectionLines.get("Service"), "[Service] has no ExecStart");
            }
            if (!sections.containsKey("Install") && !startedByOtherMeans(source.path())) {
                throw source.problem(0, "no [Install] section, so it can never be enabled (only a template unit or"
                        + " a service started by a timer of the same name may leave it out)");
            }
        }

        /** A template (name@.service) is started by hand with an instance; x.service may be started by x.timer. */
        private static boolean startedByOtherMeans(Path unitFile) {
            String name = unitFile.getFileName().toString();
            if (name.endsWith("@.service")) {
                return true;
            }
            String timer = name.replaceFirst("\\.service$", ".timer");
            return name.endsWith(".service") && Files.exists(unitFile.resolveSibling(timer));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Environment templates
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * NAME=value lines that systemd's EnvironmentFile= and Compose's env_file read the same way: no quotes, no '$',
     * no spaces around '='. Secrets must be blank, also in commented-out alternatives ("#NAME=").
     */
    record EnvTemplate(Set<String> activeNames, Set<String> alternativeNames) {

        private static final Pattern ACTIVE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
        private static final Pattern ALTERNATIVE = Pattern.compile("#\\s?([A-Z_][A-Z0-9_]*)=(.*)");
        private static final Pattern SECRET_NAME = Pattern.compile(".*(AUTH_TOKEN|MASTER_SECRET|PASSWORD|_SECRET$"
                + "|_TOKEN$|PRIVATE_KEY).*");

        Set<String> documentedNames() {
            Set<String> names = new LinkedHashSet<>(activeNames);
            names.addAll(alternativeNames);
            return names;
        }

        static EnvTemplate parse(Source source) {
            Set<String> active = new LinkedHashSet<>();
            Set<String> alternatives = new LinkedHashSet<>();
            List<String> lines = source.lines();
            for (int i = 0; i < lines.size(); i++) {
                int lineNumber = i + 1;
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                Matcher alternative = ALTERNATIVE.matcher(line);
                if (alternative.matches()) {
                    requireBlankSecret(source, lineNumber, alternative.group(1), alternative.group(2));
                    alternatives.add(alternative.group(1));
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                Matcher assignment = ACTIVE.matcher(line);
                if (!assignment.matches()) {
                    throw source.problem(lineNumber, "expected NAME=value (no spaces around '='), a blank line or"
                            + " a '#' comment");
                }
                String name = assignment.group(1);
                String value = assignment.group(2);
                if (!active.add(name)) {
                    throw source.problem(lineNumber, name + " is set twice");
                }
                if (value.contains("\"") || value.contains("'")) {
                    throw source.problem(lineNumber, name + ": quotes are read differently by systemd and Compose;"
                            + " write the value plain");
                }
                if (value.contains("$")) {
                    throw source.problem(lineNumber, name + ": '$' is expanded by Compose but not by systemd");
                }
                if (!value.equals(value.strip())) {
                    throw source.problem(lineNumber, name + ": spaces around the value become part of it in Compose");
                }
                requireBlankSecret(source, lineNumber, name, value);
            }
            return new EnvTemplate(active, alternatives);
        }

        private static void requireBlankSecret(Source source, int line, String name, String value) {
            if (SECRET_NAME.matcher(name).matches() && !value.isBlank()) {
                throw source.problem(line, name + " has a value; a template must leave secrets blank");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Caddyfile
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A small Caddyfile tokenizer: whitespace-separated tokens, "quoted" and `backtick` tokens, '#' comments at the
     * start of a token, '{' ending a line to open a block and '}' alone on a line to close it. At the top level only
     * a global options block, snippets and site blocks may appear; directly inside a site block, known directives
     * and matcher definitions.
     */
    static final class Caddyfile {

        private static final Pattern SITE_ADDRESS = Pattern.compile("(https?://)?(\\*\\.)?"
                + "([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:]+]|\\{\\$[A-Za-z_][A-Za-z0-9_]*(:[^}]*)?})?"
                + "(:[0-9]{1,5})?(/\\S*)?");
        private static final Set<String> SITE_DIRECTIVES = Set.of("abort", "acme_server", "basic_auth", "basicauth",
                "bind", "encode", "error", "file_server", "forward_auth", "fs", "handle", "handle_errors",
                "handle_path", "header", "import", "intercept", "invoke", "log", "log_append", "log_skip", "map",
                "method", "metrics", "php_fastcgi", "push", "redir", "request_body", "request_header", "respond",
                "reverse_proxy", "rewrite", "root", "route", "skip_log", "templates", "tls", "tracing", "try_files",
                "uri", "vars");

        record Token(String text, int line, boolean quoted) {
        }

        static void check(Source source) {
            Map<Integer, List<Token>> lines = tokenize(source).stream()
                    .collect(Collectors.groupingBy(Token::line, LinkedHashMap::new, Collectors.toList()));
            Deque<Integer> open = new ArrayDeque<>();
            Deque<String> blockKinds = new ArrayDeque<>();
            boolean firstTopLevelEntry = true;
            int siteBlocks = 0;
            for (Map.Entry<Integer, List<Token>> entry : lines.entrySet()) {
                int line = entry.getKey();
                List<Token> tokens = entry.getValue();
                for (int i = 0; i < tokens.size(); i++) {
                    Token token = tokens.get(i);
                    if (token.quoted()) {
                        continue;
                    }
                    if (token.text().equals("{") && i != tokens.size() - 1) {
                        throw source.problem(line, "'{' must end its line");
                    }
                    if (token.text().equals("}") && tokens.size() != 1) {
                        throw source.problem(line, "'}' must stand alone on its line");
                    }
                    if (!token.text().equals("{") && !token.text().equals("}")) {
                        requireBalancedPlaceholders(source, token);
                    }
                }
                Token first = tokens.get(0);
                Token last = tokens.get(tokens.size() - 1);
                if (!first.quoted() && first.text().equals("}")) {
                    if (open.isEmpty()) {
                        throw source.problem(line, "'}' closes nothing");
                    }
                    open.pop();
                    blockKinds.pop();
                    continue;
                }
                boolean opensBlock = !last.quoted() && last.text().equals("{");
                if (open.isEmpty()) {
                    String kind = topLevelKind(source, tokens, opensBlock, firstTopLevelEntry);
                    firstTopLevelEntry = false;
                    if (kind.equals("site")) {
                        siteBlocks++;
                    }
                    open.push(line);
                    blockKinds.push(kind);
                    continue;
                }
                if (open.size() == 1 && blockKinds.peek().equals("site")) {
                    String directive = first.text();
                    if (!directive.startsWith("@") && !SITE_DIRECTIVES.contains(directive)) {
                        throw source.problem(line, "unknown directive '" + directive + "' in a site block");
                    }
                }
                if (opensBlock) {
                    open.push(line);
                    blockKinds.push("inner");
                }
            }
            if (!open.isEmpty()) {
                throw source.problem(open.peek(), "'{' is never closed");
            }
            if (siteBlocks == 0) {
                throw source.problem(0, "no site block (an address such as example.org followed by '{')");
            }
        }

        private static String topLevelKind(Source source, List<Token> tokens, boolean opensBlock, boolean first) {
            int line = tokens.get(0).line();
            if (!opensBlock) {
                throw source.problem(line, "expected a site block ('example.org {'), a snippet ('(name) {') or the"
                        + " global options block ('{')");
            }
            if (tokens.size() == 1) {
                if (!first) {
                    throw source.problem(line, "the global options block must come first");
                }
                return "global";
            }
            String head = tokens.get(0).text();
            if (tokens.size() == 2 && (head.matches("\\([A-Za-z0-9_-]+\\)") || head.matches("&\\([A-Za-z0-9_-]+\\)"))) {
                return "snippet";
            }
            for (Token address : tokens.subList(0, tokens.size() - 1)) {
                for (String part : address.text().split(",")) {
                    if (!part.isEmpty() && !SITE_ADDRESS.matcher(part).matches()) {
                        throw source.problem(line, "'" + part + "' is not a site address");
                    }
                }
            }
            return "site";
        }

        private static void requireBalancedPlaceholders(Source source, Token token) {
            int depth = 0;
            for (char c : token.text().toCharArray()) {
                if (c == '{') {
                    depth++;
                }
                else if (c == '}' && --depth < 0) {
                    break;
                }
            }
            if (depth != 0) {
                throw source.problem(token.line(), "unbalanced brace in '" + token.text() + "' (a block's '{' needs"
                        + " a space before it)");
            }
        }

        private static List<Token> tokenize(Source source) {
            String text = source.text();
            List<Token> tokens = new ArrayList<>();
            int line = 1;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                }
                else if (Character.isWhitespace(c)) {
                    i++;
                }
                else if (c == '#') {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                }
                else if (c == '"' || c == '`') {
                    int start = line;
                    StringBuilder token = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < text.length()) {
                        char d = text.charAt(i);
                        if (c == '"' && d == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            token.append('"');
                            i += 2;
                            continue;
                        }
                        if (d == c) {
                            closed = true;
                            i++;
                            break;
                        }
                        if (d == '\n') {
                            line++;
                        }
                        token.append(d);
                        i++;
                    }
                    if (!closed) {
                        throw source.problem(start, "quote is never closed");
                    }
                    tokens.add(new Token(token.toString(), start, true));
                }
                else {
                    int startIndex = i;
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    String token = text.substring(startIndex, i);
                    if (token.startsWith("<<")) {
                        throw source.problem(line, "heredocs are not supported by this checker");
                    }
                    tokens.add(new Token(token, line, false));
                }
            }
            return tokens;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Dockerfile and its ignore file
    // ---------------------------------------------------------------------------------------------------------------

    /** Known instructions only, FROM first (ARG may precede it), and exec forms that are real JSON arrays. */
    static final class Dockerfile {

        private static final Set<String> INSTRUCTIONS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
                "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
                "VOLUME", "WORKDIR");
        private static final Set<String> EXEC_FORM = Set.of("CMD", "ENTRYPOINT", "RUN", "SHELL", "VOLUME");
        private static final Pattern JSON_STRING_ARRAY = Pattern.compile(
                "\\[\\s*(\"(?:[^\"\\\\]|\\\\.)*\"\\s*(,\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*)*)?]");

        static void check(Source source) {
            List<String> lines = source.lines();
            boolean seenFrom = false;
            for (int i = 0; i < lines.size(); i++) {
                int start = i + 1;
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    if (!seenFrom && line.toLowerCase(Locale.ROOT).matches("#\\s*escape\\s*=.*")) {
                        throw source.problem(start, "the escape directive is not supported by this checker");
                    }
                    continue;
                }
                StringBuilder instruction = new StringBuilder(line);
                while (instruction.charAt(instruction.length() - 1) == '\\') {
                    instruction.setLength(instruction.length() - 1);
                    i++;
                    while (i < lines.size() && lines.get(i).strip().startsWith("#")) {
                        i++;
                    }
                    if (i >= lines.size()) {
                        throw source.problem(start, "continued with '\\' but the file ends");
                    }
                    instruction.append(' ').append(lines.get(i).strip());
                }
                String[] parts = instruction.toString().strip().split("\\s+", 2);
                String keyword = parts[0].toUpperCase(Locale.ROOT);
                String arguments = parts.length > 1 ? parts[1].strip() : "";
                if (!INSTRUCTIONS.contains(keyword)) {
                    throw source.problem(start, "unknown instruction '" + parts[0] + "'");
                }
                if (!seenFrom && !keyword.equals("FROM") && !keyword.equals("ARG")) {
                    throw source.problem(start, "the first instruction must be FROM (only ARG may come before it)");
                }
                seenFrom |= keyword.equals("FROM");
                if (arguments.isEmpty()) {
                    throw source.problem(start, keyword + " needs arguments");
                }
                if (arguments.contains("<<")) {
                    throw source.problem(start, "heredocs are not supported by this checker");
                }
                if (EXEC_FORM.contains(keyword) && arguments.startsWith("[")
                        && !JSON_STRING_ARRAY.matcher(arguments).matches()) {
                    throw source.problem(start, keyword + ": exec form is not a JSON array of double-quoted strings;"
                            + " Docker would silently run it through a shell instead");
                }
            }
            if (!seenFrom) {
                throw source.problem(0, "no FROM instruction");
            }
        }
    }

    /** One pattern per line; '!' re-includes; brackets must close. */
    static final class Dockerignore {

        static void check(Source source) {
            List<String> lines = source.lines();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String pattern = line.startsWith("!") ? line.substring(1).strip() : line;
                if (pattern.isEmpty()) {
                    throw source.problem(i + 1, "'!' without a pattern");
                }
                if (pattern.chars().filter(c -> c == '[').count() != pattern.chars().filter(c -> c == ']').count()) {
                    throw source.problem(i + 1, "unbalanced '[' in pattern '" + pattern + "'");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Markdown
    // ---------------------------------------------------------------------------------------------------------------

    /** Readable text, closed code fences, and relative links that lead to files that exist. */
    static final class Markdown {

        private static final Pattern FENCE = Pattern.compile(" {0,3}(```|~~~).*");
        private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
        private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(\\s+\"[^\"]*\")?\\)");

        static void check(Source source) {
            List<String> lines = source.lines();
            String fence = null;
            int fenceLine = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher fenceMatcher = FENCE.matcher(line);
                if (fenceMatcher.matches()) {
                    if (fence == null) {
                        fence = fenceMatcher.group(1);
                        fenceLine = i + 1;
                    }
                    else if (line.strip().startsWith(fence)) {
                        fence = null;
                    }
                    continue;
                }
                if (fence != null) {
                    continue;
                }
                Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (link.find()) {
                    checkLink(source, i + 1, link.group(1));
                }
            }
            if (fence != null) {
                throw source.problem(fenceLine, "code fence is never closed");
            }
        }

        private static void checkLink(Source source, int line, String target) {
            if (target.contains("://") || target.startsWith("#") || target.startsWith("mailto:")
                    || target.startsWith("/")) {
                return;
            }
            String file = target.replaceFirst("#.*$", "");
            if (!file.isEmpty() && !Files.exists(source.path().resolveSibling(file))) {
                throw source.problem(line, "link to a missing file '" + target + "'");
            }
        }
    }
}
