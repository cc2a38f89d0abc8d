package org.aviso.gateway.admin;

import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
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
 * Issue 14 item 4: administrators see who did what and when, narrowed by action, person and dates, with the
 * chain's state, in English and Spanish; a filter that cannot be read gets a 400 with the reason by the field.
 */
@AvisoTest
@AutoConfigureMockMvc
class AuditPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.aviso.gateway.tree.TreeStore tree;

    private String page(AvisoPrincipal who, String language, String... filters) throws Exception {
        var request = get("/admin/audit").with(signedInAs(who)).header("Accept-Language", language);
        for (int i = 0; i < filters.length; i += 2) {
            request = request.param(filters[i], filters[i + 1]);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void showsWhoDidWhatFiltersItAndTellsWhenTheEndOfTheLogWasDeleted() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Audit");
        AvisoPrincipal admin = network.administratorSignedIn();
        mvc.perform(post("/admin/sites").with(signedInAs(admin)).with(csrf()).param("name", "Jefferson Middle"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/sites").with(signedInAs(admin)).with(csrf()).param("name", "Adams High"))
                .andExpect(status().is3xxRedirection());
        long head = jdbc.queryForObject("select max(seq) from audit_entry", Long.class);

        String all = page(admin, "en");
        assertThat(all).contains("id=\"audit-" + head + "\"", "Settings changed", network.administrator().username(),
                "Intact:", "reaches the last signed checkpoint (entry " + head).doesNotContain("??");
        String spanish = page(admin, "es");
        assertThat(spanish).contains("lang=\"es\"", "Ajustes cambiados", "Intacta:", "último punto de control firmado")
                .doesNotContain("??");

        assertThat(page(admin, "en", "action", "SIGN_IN")).doesNotContain("id=\"audit-" + head + "\"")
                .contains("No entry matches.");
        assertThat(page(admin, "en", "actor", "user:" + network.accountA().id()))
                .doesNotContain("id=\"audit-" + head + "\"");
        // the entry's own day in the network's time zone (the shared test clock may have been moved by other tests)
        java.time.LocalDate day = jdbc.queryForObject("select at from audit_entry where seq = ?",
                java.sql.Timestamp.class, head).toInstant().atZone(tree.network(network.network()).orElseThrow().zone())
                .toLocalDate();
        assertThat(page(admin, "en", "actor", admin.actor(), "from", day.toString(), "to", day.toString()))
                .contains("id=\"audit-" + head + "\"");
        assertThat(page(admin, "en", "from", day.plusDays(1).toString())).doesNotContain("id=\"audit-" + head + "\"");

        String refused = mvc.perform(get("/admin/audit").with(signedInAs(admin)).header("Accept-Language", "es")
                        .param("from", "2026-13-45").param("actor", "user:nobody"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"from-error\"", "Escriba la fecha como año-mes-día", "id=\"actor-error\"",
                "Elija una persona de la lista").doesNotContain("id=\"audit-table\"");
        mvc.perform(get("/admin/audit").with(signedInAs(network.dispatcherASignedIn()))).andExpect(status().isForbidden());

        jdbc.execute("alter table audit_entry disable trigger audit_entry_no_delete");
        jdbc.update("delete from audit_entry where seq = ?", head);
        jdbc.execute("alter table audit_entry enable trigger audit_entry_no_delete");
        assertThat(page(admin, "en")).contains("id=\"chain-broken\"",
                "the log ends before the last signed checkpoint (entry " + head + "). Entries from " + head + " on were deleted");
        assertThat(page(admin, "es")).contains("ROTA: el registro termina antes del último punto de control firmado");
    }
}
