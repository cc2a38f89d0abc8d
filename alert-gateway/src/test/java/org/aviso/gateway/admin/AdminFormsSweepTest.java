package org.aviso.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every boundary value of every administration form (empty, too long, negative, zero, huge, not a number, a bad
 * phone number, a duplicate, a tampered choice) gets a 4xx with a message by its field in the administrator's
 * language (by the field, or in the summary linked to it when the page has no slot for a tampered choice), and
 * changes nothing; never a 5xx.
 */
@AvisoTest
@AutoConfigureMockMvc
class AdminFormsSweepTest {

    private static final String HUGE = "99999999999";
    private static final String NOT_A_UUID = "not-a-uuid";
    private static final Properties SPANISH_MESSAGES = bundle("messages_es.properties");
    private static final Properties ENGLISH_MESSAGES = bundle("messages.properties");

    @Autowired
    org.aviso.gateway.delivery.SignalQueue signalQueue;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;
    final List<String> failures = new ArrayList<>();

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Sweep");
        admin = network.administratorSignedIn();
    }

    @Test
    void networkSettings() throws Exception {
        Map<String, String> valid = Map.of("retentionDays", "30", "quorumFamilyWide", "2", "quorumStaffOnly", "1",
                "receiptTimeoutSeconds", "90", "signalQueueLimitSeconds", "120");
        Supplier<Object> state = () -> List.of(tree.network(network.network()).orElseThrow(),
                signalQueue.limit(network.network()));
        for (String field : valid.keySet()) {
            for (String bad : List.of("", " ", "-1", "0", HUGE, "-" + HUGE, "abc", "1.5", "1e3")) {
                refused("/admin/settings", valid, field, bad, field, state);
            }
        }
        refused("/admin/settings", valid, "retentionDays", "366", "retentionDays", state);
        refused("/admin/settings", valid, "quorumFamilyWide", "1", "quorumFamilyWide", state);
        refused("/admin/settings", valid, "quorumStaffOnly", "11", "quorumStaffOnly", state);
        refused("/admin/settings", valid, "receiptTimeoutSeconds", "14", "receiptTimeoutSeconds", state);
        refused("/admin/settings", valid, "receiptTimeoutSeconds", "601", "receiptTimeoutSeconds", state);
        refused("/admin/settings", valid, "signalQueueLimitSeconds", "9", "signalQueueLimitSeconds", state);
        refused("/admin/settings", valid, "signalQueueLimitSeconds", "3601", "signalQueueLimitSeconds", state);
        assertThat(failures).isEmpty();
    }

    @Test
    void sites() throws Exception {
        Map<String, String> valid = Map.of("name", "Garfield High");
        Supplier<Object> state = () -> tree.sites(network.network());
        for (String bad : List.of("", "   ", "x".repeat(81), "x".repeat(100_000))) {
            refused("/admin/sites", valid, "name", bad, "name", state);
        }
        refused("/admin/sites", valid, "id", NOT_A_UUID, "name", state);
        assertThat(failures).isEmpty();
    }

    @Test
    void groups() throws Exception {
        Map<String, String> valid = new LinkedHashMap<>(Map.of("name", "Room 12 families", "tier", "STAFF",
                "receives", "VERIFIED", "acknowledgementMinutes", "5", "mode", "DIRECT"));
        Supplier<Object> state = () -> tree.groups(network.network());
        for (String required : List.of("false", "true")) {
            valid.put("acknowledgementRequired", required);
            for (String bad : List.of("", "0", "-1", "241", HUGE, "-" + HUGE, "abc", "1.5")) {
                refused("/admin/groups", valid, "acknowledgementMinutes", bad, "acknowledgementMinutes", state);
            }
        }
        valid.put("acknowledgementRequired", "false");
        for (String bad : List.of("", "  ", "x".repeat(81), "x".repeat(100_000))) {
            refused("/admin/groups", valid, "name", bad, "name", state);
        }
        refused("/admin/groups", valid, "backup", NOT_A_UUID, "backup", state);
        refused("/admin/groups", valid, "site", NOT_A_UUID, "site", state);
        refused("/admin/groups", valid, "tier", "EVERYONE", "tier", state);
        refused("/admin/groups", valid, "mode", "BROADCAST", "mode", state);
        refused("/admin/groups", valid, "receives", "GOSSIP", "receives", state);
        refused("/admin/groups", valid, "acknowledgementRequired", "maybe", "acknowledgementRequired", state);
        assertThat(failures).isEmpty();
    }

    @Test
    void people() throws Exception {
        Map<String, String> valid = Map.of("name", "Lee Park", "language", "en", "roles", "STAFF",
                "phone", "+15550107777");
        Supplier<Object> state = () -> tree.people(network.network()).size();
        for (String bad : List.of("", "   ", "555-0100", "abc", "+1234567", "+1555010012345678", "+0155501001",
                "+1555O100123", "x".repeat(100_000))) {
            refused("/admin/people", valid, "phone", bad, "phone", state);
        }
        String taken = data.phoneOf(network.network(), network.dispatcherA());
        refused("/admin/people", valid, "phone", taken, "phone", state);
        refused("/admin/people", valid, "name", "x".repeat(81), "name", state);
        refused("/admin/people", valid, "name", "x".repeat(100_000), "name", state);
        refused("/admin/people", Map.of("language", "en", "roles", "STAFF", "phone", "+15550107777", "label",
                "y".repeat(61)), "name", "", "label", state);
        refused("/admin/people", valid, "language", "xx", "language", state);
        refused("/admin/people", valid, "roles", "STUDENT", "roles", state);
        refused("/admin/people", valid, "site", NOT_A_UUID, "site", state);
        refused("/admin/people", valid, "groups", NOT_A_UUID, "groups", state);
        refused("/admin/people", valid, "onCall", "maybe", "onCall", state);
        assertThat(failures).isEmpty();
    }

    @Test
    void accounts() throws Exception {
        Map<String, String> valid = Map.of("username", "new.dispatcher", "role", "DISPATCHER", "person",
                network.dispatcherA().value().toString());
        Supplier<Object> state = () -> tree.people(network.network()).size();
        for (String bad : List.of("", "ab", "x".repeat(65), "Name With Spaces", "<script>", "x".repeat(100_000))) {
            refused("/admin/accounts", valid, "username", bad, "username", state);
        }
        mvc.perform(post("/admin/accounts").with(signedInAs(admin)).with(csrf()).param("username", "taken.name")
                .param("role", "DISPATCHER").param("person", network.dispatcherA().value().toString()));
        refused("/admin/accounts", valid, "username", "taken.name", "username", state);
        refused("/admin/accounts", valid, "person", NOT_A_UUID, "person", state);
        refused("/admin/accounts", valid, "role", "ROOT", "role", state);
        assertThat(failures).isEmpty();
    }

    @Test
    void enrollments() throws Exception {
        Map<String, String> valid = Map.of("person", network.dispatcherA().value().toString(), "site",
                network.site().value().toString());
        Supplier<Object> state = () -> tree.people(network.network()).size();
        for (String field : List.of("person", "site")) {
            refused("/admin/devices/enrollments", valid, field, "", "enrollment", state);
            refused("/admin/devices/enrollments", valid, field, NOT_A_UUID, "enrollment", state);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void pagingPolicy() throws Exception {
        Map<String, String> valid = Map.of("onCallChannels", "SIGNAL_THEN_SMS", "onCallWaitMinutes", "5",
                "backupsChannels", "NOT_PAGED", "backupsWaitMinutes", "", "coordinatorsChannels", "NOT_PAGED",
                "coordinatorsWaitMinutes", "", "repeat", "ROUNDS", "extraRounds", "1");
        Supplier<Object> state = () -> tree.network(network.network()).orElseThrow();
        for (String bad : List.of("", "-1", "0", "61", HUGE, "abc", "1.5")) {
            refused("/admin/policies", valid, "onCallWaitMinutes", bad, "onCallWaitMinutes", state);
        }
        for (String bad : List.of("", "-1", "11", HUGE, "abc")) {
            refused("/admin/policies", valid, "extraRounds", bad, "extraRounds", state);
        }
        refused("/admin/policies", valid, "onCallChannels", "PIGEON", "onCallChannels", state);
        refused("/admin/policies", valid, "repeat", "FOREVER", "repeat", state);
        assertThat(failures).isEmpty();
    }

    /**
     * Posts {@code valid} with {@code field} set to {@code bad} in Spanish; records a failure unless the answer is a
     * 4xx showing a Spanish message by {@code shownAt}, and nothing changed.
     */
    private void refused(String path, Map<String, String> valid, String field, String bad, String shownAt,
            Supplier<Object> state) throws Exception {
        Object before = state.get();
        MockHttpServletRequestBuilder request = post(path).with(signedInAs(admin)).with(csrf())
                .header("Accept-Language", "es");
        valid.forEach((name, value) -> {
            if (!name.equals(field)) {
                request.param(name, value);
            }
        });
        request.param(field, bad);
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String what = path + " " + field + "=" + (bad.length() > 20 ? bad.substring(0, 20) + "…" : bad) + ": ";
        int status = response.getStatus();
        if (status < 400 || status >= 500) {
            failures.add(what + "HTTP " + status);
            return;
        }
        String page = response.getContentAsString();
        String shown = page.replaceAll("(?s).*<p class=\"field-error\" id=\"" + shownAt + "-error\"[^>]*>([^<]*)<.*",
                "$1");
        if (shown.equals(page)) {
            // a field the page has no message slot for (a tampered choice) is named in the summary, linked to it
            shown = page.replaceAll("(?s).*<a href=\"#" + shownAt + "\">([^<]*)</a>.*", "$1");
        }
        if (shown.equals(page)) {
            failures.add(what + "HTTP " + status + " without a message by " + shownAt);
        } else if (!isSpanishMessage(HtmlUtils.htmlUnescape(shown))) {
            failures.add(what + "message not in Spanish: " + shown);
        }
        if (!before.equals(state.get())) {
            failures.add(what + "changed something");
        }
    }

    private boolean isSpanishMessage(String text) {
        return SPANISH_MESSAGES.containsValue(text) && !ENGLISH_MESSAGES.containsValue(text);
    }

    private static Properties bundle(String name) {
        Properties properties = new Properties();
        try (var in = new java.io.InputStreamReader(AdminFormsSweepTest.class.getResourceAsStream("/" + name),
                java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
