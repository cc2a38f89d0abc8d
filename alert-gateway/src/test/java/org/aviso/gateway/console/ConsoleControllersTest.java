package org.aviso.gateway.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.NetworkId;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The console through its controllers, as two dispatchers and an administrator of the demo network use it. */
@AvisoTest
@AutoConfigureMockMvc
class ConsoleControllersTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    Devices devices;
    @Autowired
    ReportService reportService;
    @Autowired
    ReportStore reports;
    @Autowired
    AlertStore alerts;
    @Autowired
    TestData data;

    /** Seeded once: the demo's user names are fixed, and the schema is cleaned per class. */
    static DemoSeeder.DemoSeed seed;
    AvisoPrincipal dana;
    AvisoPrincipal sam;
    AvisoPrincipal admin;
    static AvisoPrincipal phone;

    @BeforeEach
    void setUp() {
        if (seed == null || !seed.network().equals(seedNetworkStillThere())) {
            seed = seeder.seed();
            phone = devices.authenticate(devices.enroll(seed.enrollments().get(0).enrollment().code().value(), "test")
                    .orElseThrow().credential()).orElseThrow();
        }
        dana = user("dana", "Dana Brooks", AvisoRole.DISPATCHER);
        sam = user("sam", "Sam Okafor", AvisoRole.DISPATCHER);
        admin = user("admin", null, AvisoRole.ADMINISTRATOR);
    }

    @Autowired
    org.aviso.gateway.tree.TreeStore tree;

    private NetworkId seedNetworkStillThere() {
        return tree.network(seed.network()).map(n -> n.network().id()).orElse(null);
    }

    private AvisoPrincipal user(String username, String person, AvisoRole role) {
        UUID id = seed.accounts().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().id();
        return new AvisoPrincipal(AvisoPrincipal.Kind.USER, id, seed.network().value(), role,
                person == null ? null : seed.people().get(person).value(), null);
    }


    private String page(MockHttpServletRequestBuilder request, AvisoPrincipal who) throws Exception {
        return mvc.perform(request.with(signedInAs(who)).header("Accept-Language", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private Report reportFromThePhone() {
        return reportService.submitFromDevice(phone, new ReportService.Submission(Salute.unknown(),
                "Two vans at the gate", Optional.empty()));
    }

    private ReportStatus statusOf(Report report) {
        return reports.find(seed.network(), report.id()).orElseThrow().report().status();
    }

    @Test
    void showsNewReportsInTheQueueAndTheClaimHolderToOtherDispatchers() throws Exception {
        Report report = reportFromThePhone();
        assertThat(page(get("/console/live"), sam)).contains("report-" + report.id().value(), "Lincoln Elementary",
                "claim-" + report.id().value());

        mvc.perform(post("/console/reports/{id}/claim", report.id().value()).with(signedInAs(dana)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(statusOf(report)).isEqualTo(ReportStatus.CLAIMED);
        assertThat(page(get("/console"), sam)).contains("claimed by", "Dana Brooks")
                .doesNotContain("claim-" + report.id().value());
        String detail = page(get("/console/reports/{id}", report.id().value()), sam);
        assertThat(detail).contains("id=\"claimed-by-other\"", "Dana Brooks").doesNotContain("id=\"resolve-VERIFIED\"");
    }

    @Test
    void marksCallsLoggedByADispatcherAsLowTrust() throws Exception {
        String location = mvc.perform(post("/console/calls").with(signedInAs(dana)).with(csrf())
                        .param("site", seed.sites().get("Roosevelt Middle School").value().toString())
                        .param("size", "ONE").param("text", "A caller saw a car"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        assertThat(page(get(location), sam)).contains("id=\"low-trust-warning\"", "LOW TRUST");
        assertThat(page(get("/console/live"), sam)).contains("data-low-trust=\"true\"");
    }

    @Test
    void refusesToLogACallWithoutASite() throws Exception {
        mvc.perform(post("/console/calls").with(signedInAs(dana)).with(csrf()).param("text", "kept"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void letsTheHolderRecordTheOutcomeAndAnAdministratorBreakAClaim() throws Exception {
        Report first = reportFromThePhone();
        mvc.perform(post("/console/reports/{id}/claim", first.id().value()).with(signedInAs(dana)).with(csrf()));
        mvc.perform(post("/console/reports/{id}/resolve", first.id().value()).with(signedInAs(sam)).with(csrf())
                .param("outcome", "FALSE_ALARM")).andExpect(status().isConflict());
        mvc.perform(post("/console/reports/{id}/resolve", first.id().value()).with(signedInAs(dana)).with(csrf())
                .param("outcome", "UNABLE_TO_VERIFY")).andExpect(status().is3xxRedirection());
        assertThat(statusOf(first)).isEqualTo(ReportStatus.UNABLE_TO_VERIFY);

        Report second = reportFromThePhone();
        mvc.perform(post("/console/reports/{id}/claim", second.id().value()).with(signedInAs(dana)).with(csrf()));
        mvc.perform(post("/console/reports/{id}/break-claim", second.id().value()).with(signedInAs(sam)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/reports/{id}/break-claim", second.id().value()).with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(statusOf(second)).isEqualTo(ReportStatus.NEW);
    }

    @Autowired
    org.aviso.gateway.profile.SiteProfiles profiles;

    @Test
    void theComposerOffersTheSitesSafetyPlanStepsAndPreviewsThemInEachLanguage() throws Exception {
        Report report = reportFromThePhone();
        profiles.save(seed.network(), report.site(), new org.aviso.gateway.profile.SiteProfile(java.util.List.of(
                new org.aviso.gateway.profile.SiteProfile.Step(java.util.Map.of("en", "Use the back gate on Oak Street.",
                        "es", "Use el portón de atrás de la calle Oak."), java.util.Map.of()),
                new org.aviso.gateway.profile.SiteProfile.Step(java.util.Map.of("en", "Go to the library.",
                        "es", "Vaya a la biblioteca."), java.util.Map.of())),
                java.util.Map.of(), java.util.List.of(), java.util.Map.of()), java.time.Instant.EPOCH, "user:test");

        String composer = page(get("/console/alerts/new").param("report", report.id().value().toString()), dana);
        assertThat(composer).contains("id=\"step-0\"", "Use the back gate on Oak Street.", "Go to the library.");

        String preview = page(post("/console/alerts").with(csrf()).param("kind", "ADVISORY")
                .param("report", report.id().value().toString()).param("site", report.site().value().toString())
                .param("groups", seed.groups().get("Dispatchers and verifiers").toString())
                .param("steps", "0").param("action", "preview"), dana);
        assertThat(preview).contains("Use el port", "Use the back gate on Oak Street.")
                .doesNotContain("Vaya a la biblioteca.");
    }

    @Test
    void composesAVerifiedAlertThatASecondDispatcherApprovesThenFollowsUpWithAnAllClear() throws Exception {
        Report report = reportFromThePhone();
        mvc.perform(post("/console/reports/{id}/claim", report.id().value()).with(signedInAs(dana)).with(csrf()));
        mvc.perform(post("/console/reports/{id}/resolve", report.id().value()).with(signedInAs(dana)).with(csrf())
                .param("outcome", "VERIFIED"));

        String composer = page(get("/console/alerts/new").param("report", report.id().value().toString()), dana);
        assertThat(composer).contains("id=\"kind-VERIFIED\" value=\"VERIFIED\" aria-describedby=\"kind-VERIFIED-hint\" checked=\"checked\"")
                .doesNotContain("id=\"send-button\"");
        String[] groups = {seed.groups().get("Lincoln Elementary families").toString(),
                seed.groups().get("Lincoln Elementary teachers and staff").toString(),
                seed.groups().get("Dispatchers and verifiers").toString()};

        String preview = page(post("/console/alerts").with(csrf()).param("kind", "VERIFIED")
                .param("report", report.id().value().toString()).param("groups", groups)
                .param("instructions", "Stay inside; use pick-up plan B.").param("action", "preview"), dana);
        assertThat(preview).contains("id=\"preview\"", "data-language=\"es\"", "data-channel=\"SMS\"",
                "Needs 2 distinct confirmations", "id=\"send-button\"", "data-tier=\"FAMILIES\"");
        // the composer says when the last Signal recipient gets theirs, and at what rate (issue 12)
        assertThat(preview).contains("id=\"signal-queue\"").containsPattern("On Signal: \\d+ people; the last gets it in about \\d+ min");

        String awaiting = mvc.perform(post("/console/alerts").with(signedInAs(dana)).with(csrf()).param("kind", "VERIFIED")
                        .param("report", report.id().value().toString()).param("groups", groups)
                        .param("instructions", "Stay inside; use pick-up plan B.").param("action", "send"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID alertId = UUID.fromString(awaiting.substring("/console/alerts/".length()));
        assertThat(alerts.find(seed.network(), new org.aviso.core.common.AlertId(alertId)).orElseThrow().status())
                .isEqualTo(AlertStore.Status.AWAITING_APPROVAL);
        assertThat(page(get("/console/live"), sam)).contains("approve-" + alertId);
        assertThat(page(get(awaiting), dana)).contains("id=\"you-approved\"").doesNotContain("id=\"approve\"");

        mvc.perform(post("/console/alerts/{id}/approve", alertId).with(signedInAs(sam)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(alerts.find(seed.network(), new org.aviso.core.common.AlertId(alertId)).orElseThrow().status())
                .isEqualTo(AlertStore.Status.SENT);
        String sent = page(get(awaiting), sam);
        assertThat(sent).contains("id=\"delivery\"", "/api/console/alerts/" + alertId + "/deliveries",
                "id=\"follow-up-ALL_CLEAR\"", "approved alert", "Sam Okafor", "Dana Brooks", "claimed report")
                .doesNotContain("+1555");

        String longUpdate = page(post("/console/alerts/{id}/follow-up", alertId).with(csrf()).param("kind", "UPDATE")
                .param("instructions", "Mantengan la calma y sigan el plan de recogida. ".repeat(9))
                .param("action", "preview"), sam);
        assertThat(longUpdate).as("an UPDATE's SMS carries the start of long instructions, cut to two segments")
                .contains("Mantengan la calma y sigan el plan de recogida.", "...")
                .doesNotContain("id=\"segment-warning\"", "class=\"too-long\"");

        String confirm = page(get("/console/alerts/{id}/follow-up", alertId).param("kind", "ALL_CLEAR"), sam);
        assertThat(confirm).contains("id=\"confirm-follow-up\"");
        String followUp = mvc.perform(post("/console/alerts/{id}/follow-up", alertId).with(signedInAs(sam)).with(csrf())
                        .param("kind", "ALL_CLEAR").param("action", "send"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(followUp).isNotEqualTo(awaiting);
        assertThat(alerts.find(seed.network(), new org.aviso.core.common.AlertId(alertId)).orElseThrow().status())
                .as("an ALL_CLEAR of a family-wide alert waits for a second approval").isEqualTo(AlertStore.Status.SENT);
        mvc.perform(post(followUp + "/approve").with(signedInAs(dana)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(alerts.find(seed.network(), new org.aviso.core.common.AlertId(alertId)).orElseThrow().status())
                .isEqualTo(AlertStore.Status.CANCELLED);
        assertThat(page(get(awaiting), dana)).doesNotContain("id=\"follow-up-UPDATE\"");
    }

    /** A verified report of Lincoln Elementary, whose families read English and Spanish. */
    private Report verifiedReport() throws Exception {
        Report report = reportFromThePhone();
        mvc.perform(post("/console/reports/{id}/claim", report.id().value()).with(signedInAs(dana)).with(csrf()));
        mvc.perform(post("/console/reports/{id}/resolve", report.id().value()).with(signedInAs(dana)).with(csrf())
                .param("outcome", "VERIFIED"));
        return report;
    }

    private MockHttpServletRequestBuilder englishOnly(Report report, String action) {
        return post("/console/alerts").with(signedInAs(dana)).with(csrf()).param("kind", "VERIFIED")
                .param("report", report.id().value().toString())
                .param("groups", seed.groups().get("Lincoln Elementary families").toString())
                .param("texts[en]", "Use the back gate on Oak Street.").param("texts[es]", "")
                .param("action", action);
    }

    private int alertCount() {
        return alerts.recent(seed.network(), 10_000).size();
    }

    /** The row of the preview's table for one language and channel. */
    private static String row(String page, String language, String channel) {
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("<tr[^>]*data-language=\"" + language
                + "\" data-channel=\"" + channel + "\"[^>]*>(.*?)</tr>", java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as(language + " " + channel + " row").isTrue();
        return row.group(1);
    }

    @Test
    void previewsEveryLanguageWithItsOwnWordsAndSaysWhichLanguagesLackThem() throws Exception {
        Report report = verifiedReport();
        String preview = mvc.perform(englishOnly(report, "preview").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("id=\"text-en\"", "name=\"texts[en]\"", "id=\"text-es\"", "lang=\"es\"",
                "Text in Spanish", "id=\"lacks-es\"", "id=\"choice-es\"", "Send the text written in English")
                .doesNotContain("id=\"lacks-en\"");
        assertThat(row(preview, "en", "SIGNAL")).contains("Use the back gate on Oak Street.");
        assertThat(row(preview, "en", "SMS")).contains("Use the back gate on Oak Street.");
        assertThat(row(preview, "es", "SIGNAL")).as("nobody chose English for Spanish readers")
                .doesNotContain("Use the back gate");
        assertThat(row(preview, "es", "SMS")).doesNotContain("Use the back gate").containsPattern("<span>[12]</span>");

        String chosen = mvc.perform(englishOnly(report, "preview").param("choices[es]", "text:en")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(row(chosen, "es", "SIGNAL")).as("the English words, as chosen for Spanish readers")
                .contains("Use the back gate on Oak Street.");
        assertThat(chosen).containsPattern("id=\"choice-es-1\"\\s+value=\"text:en\" checked=\"checked\"");
    }

    @Test
    void refusesToSendWhileALanguageOfTheAudienceLacksTextAndChoiceAndStoresNothing() throws Exception {
        Report report = verifiedReport();
        int before = alertCount();
        String refused = mvc.perform(englishOnly(report, "send").header("Accept-Language", "en"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"choice-es-error\"",
                "Nothing was sent: people in this audience read Spanish and there is no text in Spanish.",
                "Use the back gate on Oak Street.", "id=\"preview\"");
        String enEspanol = mvc.perform(englishOnly(report, "send").header("Accept-Language", "es"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(enEspanol).contains("No se envió nada: hay personas de este público que leen español");
        assertThat(alertCount()).isEqualTo(before);

        String sent = mvc.perform(englishOnly(report, "send").param("choices[es]", "none"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(alertCount()).isEqualTo(before + 1);
        assertThat(page(get(sent), dana)).contains("id=\"plan-es\"", "without free text (steps and template only)");
    }

    @Test
    void refusesAForgedLanguageChoiceWithABadRequestAndStoresNothing() throws Exception {
        Report report = verifiedReport();
        int before = alertCount();
        Map<String, String> forged = Map.of(
                "text:vi", "The form names a language this network does not have.",
                "text:es", "A choice names a language nobody wrote a text in.",
                "machine-translate", "A choice for a language was not understood.");
        for (Map.Entry<String, String> choice : forged.entrySet()) {
            for (String action : List.of("preview", "send")) {
                String page = mvc.perform(englishOnly(report, action).param("choices[es]", choice.getKey())
                                .header("Accept-Language", "en"))
                        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
                assertThat(page).as(choice.getKey()).contains("id=\"choices-error\"", choice.getValue());
            }
        }
        mvc.perform(englishOnly(report, "send").param("choices[xx]", "none")).andExpect(status().isBadRequest());
        mvc.perform(englishOnly(report, "send").param("texts[de]", "Hintertor")).andExpect(status().isBadRequest());
        String both = mvc.perform(englishOnly(report, "send").param("instructions", "one text for all")
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(both).contains("Write either one text for every language or a text per language, not both.");
        assertThat(alertCount()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void refusesAVerifiedAlertWithoutAVerifiedReportAndKeepsTheForm() throws Exception {
        String page = mvc.perform(post("/console/alerts").with(signedInAs(dana)).with(csrf()).header("Accept-Language", "en")
                        .param("kind", "VERIFIED").param("action", "send").param("instructions", "kept text")
                        .param("groups", seed.groups().get("Lincoln Elementary families").toString()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("needs a report marked Verified", "kept text");
    }

    @Test
    void answersAnotherNetworksReportsAndAlertsWithNotFound() throws Exception {
        TestData.SmallNetwork other = data.smallNetwork("Elsewhere");
        NetworkId otherNetwork = other.network();
        AvisoPrincipal stranger = new AvisoPrincipal(AvisoPrincipal.Kind.USER, other.accountA().id(),
                otherNetwork.value(), AvisoRole.DISPATCHER, other.dispatcherA().value(), null);
        Report report = reportFromThePhone();

        mvc.perform(get("/console/reports/{id}", report.id().value()).with(signedInAs(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/console/reports/{id}/claim", report.id().value()).with(signedInAs(stranger)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/console/reports/{id}/photo", report.id().value()).with(signedInAs(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/console/alerts/new").param("report", report.id().value().toString()).with(signedInAs(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/console/alerts").with(signedInAs(stranger)).with(csrf()).param("kind", "ADVISORY")
                        .param("groups", seed.groups().get("Dispatchers and verifiers").toString()))
                .andExpect(status().isNotFound());
        assertThat(page(get("/console/live"), stranger)).doesNotContain(report.id().value().toString());
    }

    @Test
    void keepsSiteContactsOutOfTheConsole() throws Exception {
        mvc.perform(get("/console").with(signedInAs(phone))).andExpect(status().isForbidden());
    }

    @Test
    void opensTheEventStream() throws Exception {
        mvc.perform(get("/console/events").with(signedInAs(dana))).andExpect(status().isOk());
    }
}
