package org.aviso.gateway.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.RateLimits;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The public check: genuine only when the code is known and the signature over the alert's facts holds. */
@AvisoTest
@AutoConfigureMockMvc
class AlertCheckTest {

    @Autowired
    AlertService alerts;
    @Autowired
    AlertCheck check;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    RateLimits limits;
    @Autowired
    TestClock clock;
    @Autowired
    SiteProfiles profiles;

    TestData.SmallNetwork network;
    AvisoPrincipal dana;
    String code;
    java.util.UUID alertId;

    @BeforeEach
    void anAdvisoryWasSent() {
        limits.reset();
        clock.set(TestClock.START);
        network = data.smallNetwork("Check");
        dana = network.dispatcherASignedIn();
        AlertService.Outcome sent = alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY,
                Optional.empty(), Optional.of(network.site()), Set.of(network.dispatchers()), ""));
        alertId = sent.alert().value();
        code = jdbc.queryForObject("select code from alert where id = ?", String.class, alertId);
    }

    @Test
    void aSentAlertIsGenuineWithItsIssuerKindAndTime() {
        AlertCheck.Result result = check.check(code.toLowerCase());
        assertThat(result).isInstanceOf(AlertCheck.Genuine.class);
        AlertCheck.Genuine genuine = (AlertCheck.Genuine) result;
        assertThat(genuine.issuer()).isEqualTo("Check");
        assertThat(genuine.kind()).isEqualTo(AlertKind.ADVISORY);
    }

    @Test
    void aTamperedAlertFailsTheSignatureCheck() {
        jdbc.update("update alert set kind = 'VERIFIED' where id = ?", alertId);
        assertThat(check.check(code)).isInstanceOf(AlertCheck.Unknown.class);
    }

    @Test
    void anAlertMovedInTimeFailsTheSignatureCheck() {
        jdbc.update("update alert set created_at = created_at - interval '3 days' where id = ?", alertId);
        assertThat(check.check(code)).isInstanceOf(AlertCheck.Unknown.class);
    }

    @Test
    void anAlertSignedAtAnInstantFinerThanTheDatabaseKeepsIsStillGenuine() {
        // a real clock has nanoseconds; PostgreSQL keeps microseconds (the JDBC driver rounds 1.7 µs up to 2 µs)
        clock.set(TestClock.START.plusNanos(1_700));
        AlertService.Outcome sent = alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY,
                Optional.empty(), Optional.of(network.site()), Set.of(network.dispatchers()), ""));
        String fineCode = jdbc.queryForObject("select code from alert where id = ?", String.class, sent.alert().value());
        assertThat(check.check(fineCode)).isInstanceOf(AlertCheck.Genuine.class);
    }

    @Test
    void anUnknownOrMalformedCodeIsUnknown() {
        assertThat(check.check("ZZZZ-ZZZZ")).isInstanceOf(AlertCheck.Unknown.class);
        assertThat(check.check("not a code!")).isInstanceOf(AlertCheck.Unknown.class);
    }

    @Test
    void thePublicPageSaysGenuineOrDoNotTrustInEnglishAndSpanish() throws Exception {
        String genuine = mvc.perform(get("/v/" + code).header("Accept-Language", "es"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(genuine).contains("Alerta auténtica").contains("lang=\"es\"");
        String unknown = mvc.perform(get("/v/ZZZZ-ZZZZ").header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(unknown).contains("Unknown code: do not trust this message");
    }

    @Test
    void theCheckPageShowsTheWholeInstructionsThatAnSmsCouldOnlyLinkTo() throws Exception {
        var staff = data.drillStaffOnSignal(network, 1);
        String steps = "1. Stay indoors and do not open the door. 2. Pick-up is at the back gate on Oak Street, "
                + "2:30 to 3:15. 3. Your emergency contact can pick up with the green card.";
        AlertService.Outcome drill = alerts.compose(dana, new AlertService.Composition(AlertKind.DRILL,
                Optional.empty(), Optional.of(network.site()), Set.of(staff), steps));
        String drillCode = jdbc.queryForObject("select code from alert where id = ?", String.class,
                drill.alert().value());

        String page = mvc.perform(get("/v/" + drillCode).header("Accept-Language", "es"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(page).contains("Qué hacer").contains("Pick-up is at the back gate on Oak Street, 2:30 to 3:15.");
        assertThat(page).as("no profile yet, no empty sections").doesNotContain("site-resources");

        profiles.save(network.network(), network.site(), new SiteProfile(
                List.of(new SiteProfile.Step(Map.of("en", "Stay indoors.", "es", "Quédese adentro."), Map.of())),
                Map.of("en", "Back gate.", "es", "Portón de atrás."),
                List.of(new SiteProfile.Resource(SiteProfile.Kind.LEGAL,
                        Map.of("en", "Legal hotline", "es", "Línea legal"), "555-0100",
                        Map.of("en", "8am-8pm", "es", "8-20 h"), List.of("en", "es"))),
                Map.of("en", "You may stay silent.", "es", "Puede guardar silencio.")), clock.instant(), "user:test");
        String spanish = mvc.perform(get("/v/" + drillCode).header("Accept-Language", "es"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(spanish).contains("Quédese adentro.", "Portón de atrás.", "Línea legal", "Ayuda legal", "555-0100",
                "8-20 h", "Puede guardar silencio.").doesNotContain("Legal hotline").doesNotContain("Stay indoors.");
        String english = mvc.perform(get("/v/" + drillCode).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(english).contains("Legal hotline", "Help near you", "Stay indoors.").doesNotContain("Línea legal");
    }

    @Test
    void anAdvisorysInstructionsStayWithTheVerifiers() throws Exception {
        AlertService.Outcome advisory = alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY,
                Optional.empty(), Optional.of(network.site()), Set.of(network.dispatchers()),
                "Caller sounded unsure; second source needed"));
        String advisoryCode = jdbc.queryForObject("select code from alert where id = ?", String.class,
                advisory.alert().value());

        String page = mvc.perform(get("/v/" + advisoryCode))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(page).contains("Genuine alert").doesNotContain("second source").doesNotContain("What to do");
    }

    @Test
    void lookupsAreRateLimited() throws Exception {
        int last = 200;
        for (int i = 0; i < 40; i++) {
            last = mvc.perform(get("/v/ZZZZ-ZZZZ")).andReturn().getResponse().getStatus();
        }
        assertThat(last).isEqualTo(429);
    }
}
