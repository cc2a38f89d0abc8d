package org.aviso.gateway.enrolment;

import java.util.Optional;

import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The self-enrolment page and a site's flyer, as an administrator uses them. */
@AvisoTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "aviso.enrolment.sms-number=+15550100999")
class EnrolmentPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    SiteEnrolments sites;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Flyer");
        admin = network.administratorSignedIn();
    }

    @Test
    void savesASiteCodeAndPrintsAFlyerInEnglishAndSpanishWithAQrCodeThatOpensTheMessage() throws Exception {
        mvc.perform(post("/admin/enrolments/sites").param("site", network.site().value().toString())
                        .param("code", " flyer-1 ").with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(sites.forSite(network.network(), network.site())).map(SiteEnrolments.Setting::code)
                .contains("FLYER1");

        String flyer = mvc.perform(get("/admin/sites/" + network.site().value() + "/flyer").with(signedInAs(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(flyer).contains("Text JOIN FLYER1 to +15550100999", "Envíe UNIRME FLYER1 al +15550100999",
                "href=\"sms:+15550100999?body=JOIN%20FLYER1\"", "href=\"sms:+15550100999?body=UNIRME%20FLYER1\"",
                "<svg", "aria-label=\"JOIN FLYER1\"", "lang=\"es\"");
    }

    @Test
    void refusesABadOrTakenCodeWith400ByTheFieldInSpanish() throws Exception {
        var other = data.smallNetwork("Other");
        sites.save(new SiteEnrolments.Setting(other.site(), other.network(), "TAKEN", Optional.empty(), false));

        String bad = mvc.perform(post("/admin/enrolments/sites").param("site", network.site().value().toString())
                        .param("code", "x").with(signedInAs(admin)).with(csrf()).header("Accept-Language", "es"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("Use de 2 a 16 letras o dígitos", "aria-invalid=\"true\"");
        String taken = mvc.perform(post("/admin/enrolments/sites").param("site", network.site().value().toString())
                        .param("code", "taken").with(signedInAs(admin)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(taken).contains("Another site uses this code already");
        assertThat(sites.forSite(network.network(), network.site())).isEmpty();

        String page = mvc.perform(get("/admin/enrolments").with(signedInAs(admin)).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Las familias se inscriben solas", "Nadie está esperando.").doesNotContain("??");
    }
}
