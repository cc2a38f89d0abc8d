package org.aviso.gateway.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.dispatch.RejectionReason;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.StopCondition;
import org.aviso.core.common.Channel;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.page.PagePolicies;
import org.aviso.gateway.security.AvisoRole;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page speaks English and Spanish: both bundles have the same keys, every key a template names exists, and
 * so does every key built at run time from a prefix and a value (listed here, next to where each comes from).
 */
class MessageBundlesTest {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)[}(]");
    private static final Pattern MESSAGES_MSG = Pattern.compile("#messages\\.msg\\('([A-Za-z0-9_.-]+)'");
    private static final Pattern JAVA_KEY = Pattern.compile("\"((?:report|console|admin)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");
    private static final List<String> WEB_SOURCES = List.of("src/main/java/org/aviso/gateway/report/web",
            "src/main/java/org/aviso/gateway/console", "src/main/java/org/aviso/gateway/admin");

    private final Properties english = load("messages.properties");
    private final Properties spanish = load("messages_es.properties");

    @Test
    void englishAndSpanishHaveTheSameKeys() {
        Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
        onlyEnglish.removeAll(spanish.stringPropertyNames());
        Set<String> onlySpanish = new TreeSet<>(spanish.stringPropertyNames());
        onlySpanish.removeAll(english.stringPropertyNames());

        assertThat(onlyEnglish).as("keys missing in messages_es.properties").isEmpty();
        assertThat(onlySpanish).as("keys missing in messages.properties").isEmpty();
    }

    @Test
    void noMessageIsLeftEmpty() {
        for (Properties bundle : List.of(english, spanish)) {
            assertThat(bundle.stringPropertyNames()).allSatisfy(key -> assertThat(bundle.getProperty(key)).isNotBlank());
        }
    }

    @Test
    void everyKeyATemplateNamesExistsInBothLanguages() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Resource template : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
            String html = template.getContentAsString(StandardCharsets.UTF_8);
            collect(TEMPLATE_KEY, html, used);
            collect(MESSAGES_MSG, html, used);
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertDefinedInBoth(used);
    }

    @Test
    void everyKeyTheWebControllersNameExistsInBothLanguages() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String folder : WEB_SOURCES) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    collect(JAVA_KEY, Files.readString(file), used);
                }
            }
        }
        assertThat(used).contains("report.error.photoTooLarge", "admin.person.error.phone");
        assertDefinedInBoth(used);
    }

    @Test
    void everyKeyBuiltFromAPrefixAndAValueExists() {
        List<String> dynamic = new ArrayList<>();
        add(dynamic, "salute.size.", Salute.Size.values());
        add(dynamic, "salute.activity.", Salute.Activity.values());
        add(dynamic, "salute.location.", Salute.LocationHint.values());
        add(dynamic, "salute.agency.", Salute.Agency.values());
        add(dynamic, "salute.time.", Salute.ObservedTime.values());
        add(dynamic, "salute.equipment.", Salute.Equipment.values());
        add(dynamic, "report.legend.", "size", "activity", "location", "agency", "time", "equipment");
        add(dynamic, "report.status.", ReportStatus.values());
        for (ReportStatus status : ReportStatus.values()) {
            dynamic.add("report.status." + status + ".text");
        }
        add(dynamic, "alert.kind.", AlertKind.values());
        add(dynamic, "tier.", Tier.values());
        add(dynamic, "channel.", Channel.values());
        add(dynamic, "role.", Role.values());
        add(dynamic, "signal.", SignalStatus.values());
        add(dynamic, "console.action.", AuditAction.values());
        add(dynamic, "console.alertStatus.", AlertStore.Status.values());
        add(dynamic, "console.task.", ChannelTasks.Kind.values());
        for (ChannelTasks.Kind kind : ChannelTasks.Kind.values()) {
            dynamic.add("console.task." + kind + ".help");
        }
        add(dynamic, "console.resolve.", ReportStatus.VERIFIED, ReportStatus.FALSE_ALARM, ReportStatus.UNABLE_TO_VERIFY);
        add(dynamic, "console.refused.", RejectionReason.values());
        add(dynamic, "console.compose.kind.", AlertKind.ADVISORY, AlertKind.VERIFIED, AlertKind.DRILL);
        for (String prefix : List.of("console.followUp.title.", "console.followUp.button.", "console.followUp.confirm.")) {
            add(dynamic, prefix, AlertKind.UPDATE, AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM);
        }
        add(dynamic, "console.delivery.state.", "queued", "sent", "delivered", "read", "acknowledged", "fell_back",
                "unreachable", "opted_out", "cancelled");
        add(dynamic, "console.delivery.message.", "queued", "sending", "sent", "delivered", "read", "failed",
                "unknown", "cancelled");
        add(dynamic, "console.actor.", "unknown", "quorum", "system");
        add(dynamic, "admin.group.mode.", ChannelMode.values());
        add(dynamic, "admin.accounts.role.", AvisoRole.values());
        add(dynamic, "admin.nav.", "home", "sites", "groups", "people", "devices", "accounts", "policies", "templates");
        for (String field : List.of("retentionDays", "quorumFamilyWide", "quorumStaffOnly", "receiptTimeoutSeconds",
                "signalQueueLimitSeconds")) {
            dynamic.add("admin.settings." + field);
            dynamic.add("admin.settings." + field + ".hint");
        }
        for (String field : List.of("name", "label")) {
            dynamic.add("admin.person." + field);
            dynamic.add("admin.person." + field + ".hint");
        }
        for (String prefix : List.of("admin.policies.target.", "admin.policies.tierName.")) {
            add(dynamic, prefix, PagePolicies.ON_CALL, PagePolicies.BACKUPS, PagePolicies.COORDINATORS);
        }
        for (String prefix : List.of("admin.policies.channels.", "admin.policies.option.")) {
            add(dynamic, prefix, (Object[]) ChannelPolicy.values());
            add(dynamic, prefix, "NOT_PAGED");
        }
        add(dynamic, "admin.policies.repeat.", "UNTIL_CLAIMED", "ROUNDS");
        for (String tier : List.of("onCall", "backups", "coordinators")) {
            add(dynamic, "admin.policies.error." + tier, "Channels", "WaitMinutes");
        }
        add(dynamic, "admin.policies.stop.", StopCondition.values());

        assertDefinedInBoth(new TreeSet<>(dynamic));
    }

    private void assertDefinedInBoth(Set<String> keys) {
        Set<String> missingEnglish = new TreeSet<>();
        Set<String> missingSpanish = new TreeSet<>();
        for (String key : keys) {
            if (!english.containsKey(key)) {
                missingEnglish.add(key);
            }
            if (!spanish.containsKey(key)) {
                missingSpanish.add(key);
            }
        }
        assertThat(missingEnglish).as("missing in messages.properties").isEmpty();
        assertThat(missingSpanish).as("missing in messages_es.properties").isEmpty();
    }

    private static void add(List<String> keys, String prefix, Object... values) {
        Arrays.stream(values).forEach(value -> keys.add(prefix + value));
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                MessageBundlesTest.class.getClassLoader().getResourceAsStream(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
