package org.aviso.gateway.report.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;

import jakarta.servlet.http.Cookie;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.security.RateLimits;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The phone form as a site contact's enrolled phone uses it. */
@AvisoTest
@AutoConfigureMockMvc
class ReportFormControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    Devices devices;
    @Autowired
    ReportStore reports;
    @Autowired
    RateLimits limits;

    TestData.SmallNetwork network;
    Cookie phone;

    @BeforeEach
    void setUp() {
        limits.reset();
        network = data.smallNetwork("Form");
        phone = enrolledPhone(network.network(), network.site());
    }

    private Cookie enrolledPhone(NetworkId networkId, SiteId site) {
        PersonId contact = data.person(networkId, Optional.of(site), Set.of(Role.SITE_CONTACT), Language.SPANISH,
                SignalStatus.ON_SIGNAL, "Site contact");
        AvisoPrincipal admin = new AvisoPrincipal(AvisoPrincipal.Kind.USER, network.administrator().id(),
                networkId.value(), AvisoRole.ADMINISTRATOR, null, null);
        if (!networkId.equals(network.network())) {
            admin = new AvisoPrincipal(AvisoPrincipal.Kind.USER, admin.id(), networkId.value(), AvisoRole.ADMINISTRATOR,
                    null, null);
        }
        Devices.Enrollment enrollment = devices.createEnrollment(admin, contact.value(), site.value());
        String credential = devices.enroll(enrollment.code().value(), "test phone").orElseThrow().credential();
        return new Cookie("AVISO_DEVICE", credential);
    }

    private MockMultipartHttpServletRequestBuilder post() {
        return multipart("/report");
    }

    @Test
    void opensInTheBrowsersLanguageWithEveryChoiceUnknownSoThePersonCanSendAtOnce() throws Exception {
        String page = mvc.perform(get("/report").cookie(phone).header("Accept-Language", "es-MX,es;q=0.9"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("lang=\"es\"", "Reporte lo que ve", "Form Elementary", "Enviar ahora");
        for (String field : new String[] {"size", "activity", "location", "agency", "time", "equipment"}) {
            assertThat(page).contains("id=\"" + field + "-UNKNOWN\" value=\"UNKNOWN\" checked=\"checked\"");
        }
        assertThat(page).contains("<label for=\"text\"", "<label for=\"photo\"", "/js/report.js")
                .doesNotContain("onclick", "style=");
    }

    @Test
    void sendsAReportAndShowsItsCodeAndStatusToThePhone() throws Exception {
        MvcResult sent = mvc.perform(post().cookie(phone).with(csrf())
                        .param("size", "TWO_TO_FIVE").param("activity", "WAITING_OR_PARKED")
                        .param("text", "Two grey vans at the gate"))
                .andExpect(status().is3xxRedirection()).andReturn();

        String location = sent.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/report/status/").endsWith("?sent");
        String code = location.substring("/report/status/".length(), location.indexOf('?'));
        ReportStore.StoredReport stored = reports.findByCode(network.network(), ShortCode.parse(code)).orElseThrow();
        assertThat(stored.report().salute().size()).isEqualTo(Salute.Size.TWO_TO_FIVE);
        assertThat(stored.report().salute().agency()).isEqualTo(Salute.Agency.UNKNOWN);
        assertThat(stored.report().text()).isEqualTo("Two grey vans at the gate");

        String status = mvc.perform(get(location).cookie(phone).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(status).contains(stored.report().code().display(), "Your report was sent", "data-status=\"NEW\"",
                "Received");
    }

    @Test
    void keepsEverythingTypedAndNamesTheFieldWhenTheTextIsTooLong() throws Exception {
        String tooLong = "x".repeat(501);
        String page = mvc.perform(post().cookie(phone).with(csrf()).header("Accept-Language", "en")
                        .param("activity", "QUESTIONING_PEOPLE").param("text", tooLong))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains(tooLong)
                .contains("id=\"activity-QUESTIONING_PEOPLE\" value=\"QUESTIONING_PEOPLE\" checked=\"checked\"")
                .contains("shorten it to 500 characters")
                .contains("aria-describedby=\"text-hint text-error\"", "id=\"text-error\"", "aria-invalid=\"true\"");
        assertThat(reports.recent(network.network(), 10)).isEmpty();
    }

    @Test
    void countsALineBreakAsOneCharacterAsTheBrowserDoes() throws Exception {
        String text = "a\r\n".repeat(200); // 600 characters sent, 400 typed

        mvc.perform(post().cookie(phone).with(csrf()).param("text", text)).andExpect(status().is3xxRedirection());
    }

    @Test
    void refusesAPhotoOverTenMegabytesWithAClearMessageAndKeepsTheText() throws Exception {
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        huge[0] = (byte) 0xff;
        huge[1] = (byte) 0xd8;
        huge[2] = (byte) 0xff;

        String page = mvc.perform(post().file(new MockMultipartFile("photo", "big.jpg", "image/jpeg", huge))
                        .cookie(phone).with(csrf()).header("Accept-Language", "es").param("text", "Un carro sin placas"))
                .andExpect(status().isPayloadTooLarge()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("La foto pesa más de 10 MB", "Un carro sin placas", "aria-describedby=\"photo-hint photo-error\"");
        assertThat(reports.recent(network.network(), 10)).isEmpty();
    }

    @Test
    void explainsAPhotoTheServerRefusedUnreadInTheReportersLanguage() throws Exception {
        String page = mvc.perform(get("/report?photoTooLarge").cookie(phone).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("La foto pesa más de 10 MB");
    }

    @Test
    void refusesAFileThatIsNotAPicture() throws Exception {
        mvc.perform(post().file(new MockMultipartFile("photo", "notes.pdf", "application/pdf", "%PDF-1.4".getBytes()))
                        .cookie(phone).with(csrf()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void storesARePaintedPhotoWithTheReport() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);

        String location = mvc.perform(post().file(new MockMultipartFile("photo", "p.png", "image/png", png.toByteArray()))
                        .cookie(phone).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        String code = location.substring("/report/status/".length(), location.indexOf('?'));
        ReportStore.StoredReport stored = reports.findByCode(network.network(), ShortCode.parse(code)).orElseThrow();
        assertThat(stored.hasPhoto()).isTrue();
        assertThat(reports.photo(network.network(), stored.report().id()).orElseThrow().contentType())
                .isEqualTo("image/png");
    }

    @Test
    void showsAReportsStatusOnlyToPhonesOfItsOwnSite() throws Exception {
        SiteId otherSite = data.site(network.network(), "Other School");
        Cookie otherPhone = enrolledPhone(network.network(), otherSite);
        String location = mvc.perform(post().cookie(otherPhone).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        String statusPath = location.substring(0, location.indexOf('?'));

        mvc.perform(get(statusPath).cookie(otherPhone)).andExpect(status().isOk());
        mvc.perform(get(statusPath).cookie(phone)).andExpect(status().isNotFound());
        mvc.perform(get("/report/status/not-a-code").cookie(phone)).andExpect(status().isNotFound());
    }

    @Test
    void sendsAPhoneThatIsNotEnrolledToEnrollment() throws Exception {
        mvc.perform(get("/report")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/enroll"));
    }
}
