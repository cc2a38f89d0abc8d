package org.aviso.gateway.importing;

import java.nio.charset.StandardCharsets;

import org.aviso.core.tree.Role;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The import page as an administrator uses it, in English and Spanish. */
@AvisoTest
@AutoConfigureMockMvc
class ImportPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Page");
        admin = network.administratorSignedIn();
    }

    @Test
    void showsTheDryRunInSpanishWithRowNumbersAndAppliesIt() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "export.csv", "text/csv",
                ImportTest.POWERSCHOOL.replace("Import Elementary", "Page Elementary").getBytes(StandardCharsets.UTF_8));
        String page = mvc.perform(multipart("/admin/import").file(file).with(signedInAs(admin)).with(csrf())
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("lang=\"es\"", "Prueba: todavía no ha cambiado nada", "3 por agregar",
                "LastFirst: nombre de estudiante, nunca se guarda", "DOB: fecha de nacimiento, nunca se guarda",
                "id=\"row-5\"", "Columna «Mother_Cell»: no es un número de teléfono válido.",
                "No hay ninguna escuela llamada «Nowhere Middle»")
                .doesNotContain("Zyxwvuta", "2135550101", "??");
        String token = page.replaceAll("(?s).*id=\"apply-form\".*?name=\"token\" value=\"([0-9a-f-]+)\".*", "$1");

        mvc.perform(post("/admin/import/apply").param("token", token).with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(tree.people(network.network())).filteredOn(p -> p.person().hasRole(Role.FAMILY)).hasSize(3);

        // the same token cannot apply twice
        String again = mvc.perform(post("/admin/import/apply").param("token", token).with(signedInAs(admin)).with(csrf())
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("This dry run is no longer available");
    }

    @Test
    void refusesAFileWithoutAHeaderOrEmptyWith400AndAClearMessage() throws Exception {
        MockMultipartFile noHeader = new MockMultipartFile("file", "x.csv", "text/csv",
                "(213) 555-0101,es\n".getBytes(StandardCharsets.UTF_8));
        String page = mvc.perform(multipart("/admin/import").file(noHeader).with(signedInAs(admin)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("The first row must name the columns").doesNotContain("555-0101");

        mvc.perform(multipart("/admin/import").with(signedInAs(admin)).with(csrf()).header("Accept-Language", "es"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/import").with(signedInAs(network.dispatcherASignedIn()))).andExpect(status().isForbidden());
    }

    @Test
    void fixingTheMappingPlansAgainAndCanSaveItAsAPreset() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "x.csv", "text/csv",
                "Contacto,lang\n(213) 555-0180,es\n".getBytes(StandardCharsets.UTF_8));
        String page = mvc.perform(multipart("/admin/import").file(file).param("site", network.site().value().toString())
                        .with(signedInAs(admin)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("1 rows with an error", "No phone number in this row.");
        String token = page.replaceAll("(?s).*id=\"mapping-form\".*?name=\"token\" value=\"([0-9a-f-]+)\".*", "$1");

        String fixed = mvc.perform(post("/admin/import/mapping").param("token", token).param("field0", "PHONE")
                        .param("field1", "LANGUAGE").param("presetName", "District export")
                        .param("site", network.site().value().toString()).param("role", "FAMILY")
                        .with(signedInAs(admin)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fixed).contains("1 to add", "0 rows with an error", "Mapping saved as &quot;District export&quot;");
        String again = mvc.perform(get("/admin/import").with(signedInAs(admin))).andReturn().getResponse()
                .getContentAsString();
        assertThat(again).contains("<option value=\"District export\">District export</option>");
    }
}
