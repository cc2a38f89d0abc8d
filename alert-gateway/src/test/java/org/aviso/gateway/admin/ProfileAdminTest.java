package org.aviso.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.aviso.core.common.Language;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An administrator writes a site's safety plan, pick-up plan, mutual-aid resources and rights notes in every
 * language; a language left out is refused in the administrator's language with nothing saved; contact details are
 * stored encrypted; every save is kept as a history and audited without its text.
 */
@AvisoTest
@AutoConfigureMockMvc
class ProfileAdminTest {

    static final String LEGAL_PHONE = "+15555550142";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    SiteProfiles profiles;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        network = data.smallNetwork("Profile");
        admin = network.administratorSignedIn();
    }

    /** A whole profile in English and Spanish, as the form posts it. */
    static MockHttpServletRequestBuilder filled(MockHttpServletRequestBuilder post) {
        return post
                .param("step-0-en", "Stay indoors and do not open the door to anyone you do not know.")
                .param("short-0-en", "Stay in, do not open the door.")
                .param("step-0-es", "Quédese adentro y no abra la puerta a nadie que no conozca.")
                .param("short-0-es", "Quédese adentro, no abra la puerta.")
                .param("step-1-en", "Pick-up is at the back gate on Oak Street.")
                .param("step-1-es", "La salida es por el portón de atrás, calle Oak.")
                .param("pickup-en", "Back gate, Oak Street, with a teacher.")
                .param("pickup-es", "Portón de atrás, calle Oak, con una maestra.")
                .param("res-0-kind", "LEGAL").param("res-0-name-en", "Eastside legal hotline")
                .param("res-0-name-es", "Línea legal de Eastside").param("res-0-reach", LEGAL_PHONE)
                .param("res-0-hours-en", "Every day 8am-8pm").param("res-0-hours-es", "Todos los días 8-20 h")
                .param("res-0-spoken", "en, es, vi")
                .param("res-1-kind", "FOOD") // a spare row: only the select's default, dropped
                .param("rights-en", "You do not have to open the door without a warrant signed by a judge.")
                .param("rights-es", "No tiene que abrir la puerta sin una orden firmada por un juez.");
    }

    private String url() {
        return "/admin/sites/" + network.site().value() + "/profile";
    }

    private int revisions() {
        return jdbc.queryForObject("select count(*) from site_profile_revision where site_id = ?", Integer.class,
                network.site().value());
    }

    @Test
    void aProfileWrittenInEveryLanguageIsSavedEncryptedAuditedAndShownAgain() throws Exception {
        mvc.perform(filled(post(url())).with(signedInAs(admin)).with(csrf())).andExpect(status().is3xxRedirection());

        SiteProfile saved = profiles.inForce(network.network(), network.site(), clock.instant());
        assertThat(saved.steps()).hasSize(2);
        assertThat(saved.steps().get(0).shortText(Language.SPANISH)).isEqualTo("Quédese adentro, no abra la puerta.");
        assertThat(saved.steps().get(1).shortText(Language.ENGLISH)).as("a step without a short form is its own")
                .isEqualTo("Pick-up is at the back gate on Oak Street.");
        assertThat(saved.resources()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(SiteProfile.Kind.LEGAL);
            assertThat(r.reach()).isEqualTo(LEGAL_PHONE);
            assertThat(r.spoken()).containsExactly("en", "es", "vi");
        });
        byte[] stored = jdbc.queryForObject("select body_ct from site_profile_revision where site_id = ?",
                byte[].class, network.site().value());
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("5555550142").doesNotContain("legal hotline").doesNotContain("Oak");
        List<AuditEntry> entries = audit.recent(network.network().value(), 5);
        assertThat(entries).filteredOn(e -> e.subject().equals("site-profile:" + network.site().value()))
                .singleElement().satisfies(e -> assertThat(e.details()).isEqualTo("steps=2 resources=1"));

        String page = mvc.perform(get(url()).with(signedInAs(admin)).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Pasos del plan de seguridad", "Línea legal de Eastside", LEGAL_PHONE,
                "Quédese adentro, no abra la puerta.", "lang=\"es\"").doesNotContain("??");
    }

    @Test
    void aStepMissingItsSpanishTextIsRefusedInSpanishAndNothingIsSaved() throws Exception {
        String page = mvc.perform(post(url()).with(signedInAs(admin)).with(csrf()).header("Accept-Language", "es")
                        .param("step-0-en", "Stay indoors.").param("res-0-kind", "HEALTH")
                        .param("res-0-name-en", "Clinic").param("res-0-name-es", "Clínica"))
                .andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("El paso 1 no tiene texto en es", "Indique cómo contactar el recurso 1",
                "Stay indoors.", "aria-invalid=\"true\"").doesNotContain("??");
        assertThat(revisions()).isZero();
    }

    @Test
    void everySaveIsKeptAndAnEarlierVersionCanBeRead() throws Exception {
        mvc.perform(filled(post(url())).with(signedInAs(admin)).with(csrf())).andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofMinutes(5));
        mvc.perform(post(url()).with(signedInAs(admin)).with(csrf())
                        .param("step-0-en", "Go to the library.").param("step-0-es", "Vaya a la biblioteca."))
                .andExpect(status().is3xxRedirection());

        assertThat(revisions()).isEqualTo(2);
        assertThat(profiles.inForce(network.network(), network.site(), clock.instant()).steps()).singleElement()
                .satisfies(s -> assertThat(s.text(Language.ENGLISH)).isEqualTo("Go to the library."));
        UUID first = profiles.history(network.network(), network.site()).get(1).id();
        String old = mvc.perform(get(url()).param("revision", first.toString()).with(signedInAs(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(old).contains("Eastside legal hotline", "an earlier version");
    }

    @Test
    void onlyThisNetworksAdministratorEditsTheProfile() throws Exception {
        mvc.perform(filled(post(url())).with(signedInAs(network.dispatcherASignedIn())).with(csrf()))
                .andExpect(status().isForbidden());
        TestData.SmallNetwork other = data.smallNetwork("Other");
        mvc.perform(filled(post(url())).with(signedInAs(other.administratorSignedIn())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/sites/not-a-site/profile").with(signedInAs(admin)))
                .andExpect(status().is4xxClientError());
        assertThat(revisions()).isZero();
    }
}
