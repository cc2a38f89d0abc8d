package org.aviso.gateway.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.retention.RetentionJob;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A verification note on a report (issue 15): what was seen, how and by whom, written by a dispatcher, shown in the
 * incident's timeline in the reader's language, encrypted at rest, and gone with the report at retention.
 */
@AvisoTest
@AutoConfigureMockMvc
class VerificationNotesTest {

    private static final String SEEN = "Two grey vans parked at the north gate, nobody got out";
    private static final String BY_WHOM = "Rosa Quintero, verifier on site";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    RetentionJob retention;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    TestData.SmallNetwork network;
    AvisoPrincipal dana;
    AvisoPrincipal sam;
    Report report;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Notes");
        dana = network.dispatcherASignedIn();
        sam = network.dispatcherBSignedIn();
        report = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(),
                "vans at the gate", Optional.empty()));
        reports.claim(dana, report.id());
    }

    private String addNote(AvisoPrincipal who, String how, String seen, String byWhom, int expected) throws Exception {
        var request = post("/console/reports/" + report.id().value() + "/notes").with(signedInAs(who)).with(csrf())
                .header("Accept-Language", "es");
        if (how != null) {
            request.param("how", how);
        }
        return mvc.perform(request.param("seen", seen).param("byWhom", byWhom))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
    }

    private String reportPage(AvisoPrincipal who, String language) throws Exception {
        return mvc.perform(get("/console/reports/" + report.id().value()).with(signedInAs(who))
                        .header("Accept-Language", language))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long notes() {
        return jdbc.queryForObject("select count(*) from verification_note where report_id = ?", Long.class,
                report.id().value());
    }

    @Test
    void aNoteFromAnotherDispatcherAppearsInTheTimelineInEachReadersLanguage() throws Exception {
        // Sam does not hold the claim: a verifier's note is welcome from anyone verifying
        addNote(sam, "SEEN_IN_PERSON", SEEN, BY_WHOM, 302);

        String english = reportPage(dana, "en");
        String timeline = english.substring(english.indexOf("id=\"timeline\""));
        assertThat(timeline).contains("data-action=\"REPORT_NOTED\"", "added a verification note to report",
                "Seen in person", SEEN, BY_WHOM, network.accountB().username());
        String spanish = reportPage(dana, "es");
        assertThat(spanish.substring(spanish.indexOf("id=\"timeline\""))).contains(
                "añadió una nota de verificación al reporte", "Visto en persona", "Qué se vio", SEEN);
        assertThat(spanish).contains("Cómo se verificó").doesNotContain("??");
    }

    @Test
    void whatWasSeenAndByWhomAreEncryptedAtRestAndNeverInTheAuditLog() throws Exception {
        addNote(dana, "CALLED_THE_REPORTER", SEEN, BY_WHOM, 302);

        List<Map<String, Object>> rows = jdbc.queryForList("select * from verification_note where report_id = ?",
                report.id().value());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("method")).isEqualTo("CALLED_THE_REPORTER");
        for (Object value : rows.get(0).values()) {
            String raw = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                    : String.valueOf(value);
            assertThat(raw).doesNotContain("grey vans", "Quintero");
        }
        String audit = String.join("\n", jdbc.queryForList(
                "select details from audit_entry where action = 'REPORT_NOTED'", String.class));
        assertThat(audit).contains("how=CALLED_THE_REPORTER").doesNotContain("grey vans", "Quintero");
    }

    @Test
    void aNoteWithoutHowOrWhatWasSeenIsRefusedNextToTheFieldsAndNothingIsKept() throws Exception {
        String page = addNote(dana, null, "   ", BY_WHOM, 400);

        assertThat(page).contains("id=\"note-how-error\"", "Elija cómo se comprobó.",
                "id=\"note-seen-error\"", "Escriba qué se vio.", "aria-invalid=\"true\"")
                .contains("value=\"" + BY_WHOM + "\"");
        addNote(dana, "TELEPATHY", SEEN, BY_WHOM, 400);
        addNote(dana, "OTHER", SEEN, "x".repeat(201), 400);
        assertThat(notes()).isZero();
        // another network's report: not found, and nothing kept
        mvc.perform(post("/console/reports/" + report.id().value() + "/notes")
                        .with(signedInAs(data.smallNetwork("Elsewhere").dispatcherASignedIn())).with(csrf())
                        .param("how", "OTHER").param("seen", SEEN).param("byWhom", BY_WHOM))
                .andExpect(status().isNotFound());
        assertThat(notes()).isZero();
    }

    @Test
    void aNoteIsDeletedWithItsReportAtRetention() throws Exception {
        addNote(dana, "PHOTO_OR_VIDEO", SEEN, BY_WHOM, 302);
        assertThat(notes()).isOne();

        clock.advance(Duration.ofDays(31));
        Map<String, Integer> deleted = retention.run();

        assertThat(deleted.get("verificationNotes")).isPositive();
        assertThat(notes()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from report where id = ?", Long.class, report.id().value()))
                .isZero();
    }
}
