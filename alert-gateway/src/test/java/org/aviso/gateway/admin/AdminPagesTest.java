package org.aviso.gateway.admin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The administration pages as a network administrator uses them. */
@AvisoTest
@AutoConfigureMockMvc
class AdminPagesTest {

    @Autowired
    org.aviso.gateway.delivery.SignalQueue signalQueue;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    AuditLog audit;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;
    AvisoPrincipal dispatcher;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Admin");
        admin = network.administratorSignedIn();
        dispatcher = network.dispatcherASignedIn();
    }


    @Test
    void rendersEveryAdministrationPageForAnAdministratorAndNoneForADispatcher() throws Exception {
        for (String path : List.of("/admin", "/admin/sites", "/admin/groups", "/admin/groups/new", "/admin/people",
                "/admin/people/new", "/admin/devices", "/admin/accounts", "/admin/policies", "/admin/templates")) {
            String page = mvc.perform(get(path).with(signedInAs(admin)).header("Accept-Language", "es"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).as(path).contains("lang=\"es\"", "<main id=\"main\"", "class=\"skip-link\"")
                    .doesNotContain("??");
            mvc.perform(get(path).with(signedInAs(dispatcher))).andExpect(status().isForbidden());
        }
    }

    @Test
    void refusesAPhoneNumberThatIsNotE164WithAClearMessageAndKeepsTheForm() throws Exception {
        String page = mvc.perform(post("/admin/people").with(signedInAs(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("name", "Lee Park").param("language", "en").param("roles", "STAFF")
                        .param("phone", "555-0100"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Enter the number in international form", "value=\"Lee Park\"",
                "aria-describedby=\"phone-hint phone-error\"", "id=\"role-STAFF\" value=\"STAFF\" checked=\"checked\"");
        assertThat(tree.people(network.network())).noneMatch(p -> p.name().equals(Optional.of("Lee Park")));
    }

    @Test
    void addsAFamilyWithALabelAndAuditsTheChangeWithoutTheNumber() throws Exception {
        String location = mvc.perform(post("/admin/people").with(signedInAs(admin)).with(csrf())
                        .param("label", "Room 12 family").param("language", "es").param("roles", "FAMILY")
                        .param("site", network.site().value().toString()).param("phone", "+1 (555) 010-9876"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        PersonId id = new PersonId(java.util.UUID.fromString(location.substring("/admin/people/".length())));
        var stored = tree.person(network.network(), id).orElseThrow();
        assertThat(stored.person().contact().phone().e164()).isEqualTo("+15550109876");
        assertThat(stored.person().label()).contains("Room 12 family");
        List<AuditEntry> entries = audit.forSubject("person:" + id.value());
        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.PERSON_CHANGED);
        assertThat(entries.get(0).details()).doesNotContain("9876", "Room 12");
        String edit = mvc.perform(get(location).with(signedInAs(admin))).andReturn().getResponse().getContentAsString();
        assertThat(edit).doesNotContain("+15550109876").contains("76");
    }

    @Test
    void refusesANameForAFamily() throws Exception {
        mvc.perform(post("/admin/people").with(signedInAs(admin)).with(csrf()).param("name", "Student Name")
                        .param("language", "en").param("roles", "FAMILY").param("phone", "+15550109877"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void showsAnEnrollmentCodeOnceAndNeverAgain() throws Exception {
        PersonId contact = data.person(network.network(), Optional.of(network.site()), Set.of(Role.SITE_CONTACT),
                Language.SPANISH, SignalStatus.ON_SIGNAL, "Maria Lopez");

        var result = mvc.perform(post("/admin/devices/enrollments").with(signedInAs(admin)).with(csrf())
                        .param("person", contact.value().toString()).param("site", network.site().value().toString()))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
        String code = result.replaceAll("(?s).*id=\"enrollment-code\">([A-Z0-9-]+)<.*", "$1");
        assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(result).contains("/enroll#" + code, "Maria Lopez");

        String later = mvc.perform(get("/admin/devices").with(signedInAs(admin))).andReturn().getResponse().getContentAsString();
        assertThat(later).doesNotContain(code).doesNotContain("id=\"enrollment-code\"");
    }

    @Test
    void createsADispatcherAccountAndShowsItsPassphraseOnce() throws Exception {
        String page = mvc.perform(post("/admin/accounts").with(signedInAs(admin)).with(csrf()).param("username", "lee.park")
                        .param("role", "DISPATCHER").param("person", network.dispatcherB().value().toString()))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"created-passphrase\"", "id=\"created-totp-secret\"", "otpauth://");
        String later = mvc.perform(get("/admin/accounts").with(signedInAs(admin))).andReturn().getResponse().getContentAsString();
        assertThat(later).contains("lee.park").doesNotContain("id=\"created-passphrase\"");
        mvc.perform(post("/admin/accounts").with(signedInAs(admin)).with(csrf()).param("username", "lee.park")
                .param("role", "ADMINISTRATOR")).andExpect(status().isBadRequest());
    }

    @Test
    void keepsFamiliesOutOfSignalGroups() throws Exception {
        String page = mvc.perform(post("/admin/groups").with(signedInAs(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("name", "Families K-2").param("site", network.site().value().toString())
                        .param("tier", "FAMILIES").param("receives", "VERIFIED").param("acknowledgementMinutes", "5")
                        .param("mode", "GROUP"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Families are always reached one by one");
        mvc.perform(post("/admin/groups").with(signedInAs(admin)).with(csrf()).param("name", "Families K-2")
                        .param("site", network.site().value().toString()).param("tier", "FAMILIES")
                        .param("receives", "VERIFIED").param("acknowledgementMinutes", "5").param("mode", "DIRECT"))
                .andExpect(status().is3xxRedirection());
        assertThat(tree.groups(network.network())).anyMatch(g -> g.name().equals("Families K-2"));
    }

    @Test
    void savesRetentionAndQuorumAndRefusesAQuorumOfOne() throws Exception {
        mvc.perform(post("/admin/settings").with(signedInAs(admin)).with(csrf()).param("retentionDays", "14")
                        .param("quorumFamilyWide", "1").param("quorumStaffOnly", "1")
                        .param("receiptTimeoutSeconds", "90").param("signalQueueLimitSeconds", "120")
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).as("the error by its field")
                        .contains("<p class=\"field-error\" id=\"quorumFamilyWide-error\">Enter a number from 2 to 10.",
                                "aria-describedby=\"quorumFamilyWide-hint quorumFamilyWide-error\""));
        mvc.perform(post("/admin/settings").with(signedInAs(admin)).with(csrf()).param("retentionDays", "14")
                        .param("quorumFamilyWide", "3").param("quorumStaffOnly", "1")
                        .param("receiptTimeoutSeconds", "60").param("signalQueueLimitSeconds", "300"))
                .andExpect(status().is3xxRedirection());

        var saved = tree.network(network.network()).orElseThrow().network();
        assertThat(saved.retention().toDays()).isEqualTo(14);
        assertThat(saved.quorum().familyWide()).isEqualTo(3);
        assertThat(signalQueue.limit(network.network())).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(audit.forSubject("network:" + network.network().value())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.SETTINGS_CHANGED);
    }

    @Test
    void answersAnotherNetworksPersonWithNotFound() throws Exception {
        TestData.SmallNetwork other = data.smallNetwork("Other");
        mvc.perform(get("/admin/people/{id}", other.dispatcherA().value()).with(signedInAs(admin)))
                .andExpect(status().isNotFound());
    }
}
