package org.aviso.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.render.TemplateKey;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.alert.Templates;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A network rewords its templates: the alerts it sends afterwards carry the new wording, an alert composed before
 * keeps the wording its approvers saw, a text that drops the code or the check link or runs over two SMS segments is
 * refused in the administrator's language with nothing saved, and the built-in text can be put back.
 */
@AvisoTest
@AutoConfigureMockMvc
class TemplateAdminTest {

    private static final String OWN_ADVISORY = "Aviso {network}: posible actividad cerca de {site} ({time}). {instructions} Código {code}.";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore store;
    @Autowired
    Templates templates;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;
    AvisoPrincipal dispatcherA;
    AvisoPrincipal dispatcherB;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        network = data.smallNetwork("Wording");
        admin = network.administratorSignedIn();
        dispatcherA = network.dispatcherASignedIn();
        dispatcherB = network.dispatcherBSignedIn();
    }


    private ResultActions save(AvisoPrincipal who, AlertKind kind, String language, Channel channel, String text)
            throws Exception {
        return mvc.perform(post("/admin/templates/save").with(signedInAs(who)).with(csrf()).header("Accept-Language", "es")
                .param("kind", kind.name()).param("language", language).param("channel", channel.name())
                .param("text", text));
    }

    private String spanishSms(AlertId alert) {
        return store.messages(alert).stream().filter(m -> m.language().equals("es") && m.channel() == Channel.SMS)
                .findFirst().orElseThrow().text();
    }

    private int revisions() {
        return jdbc.queryForObject("select count(*) from message_template_revision where network_id = ?",
                Integer.class, network.network().value());
    }

    @Test
    void aRewordedTemplateIsWhatTheNextAlertSaysAndTheChangeIsAudited() throws Exception {
        clock.advance(Duration.ofMinutes(1));
        save(admin, AlertKind.ADVISORY, "es", Channel.SMS, OWN_ADVISORY + "\r\n").andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofMinutes(1));

        AlertService.Outcome sent = alerts.compose(dispatcherA, new AlertService.Composition(AlertKind.ADVISORY,
                Optional.empty(), Optional.of(network.site()), Set.of(network.dispatchers()), ""));

        assertThat(sent).isInstanceOf(AlertService.Outcome.Sent.class);
        assertThat(spanishSms(sent.alert())).startsWith("Aviso Wording: posible actividad cerca de Wording Elementary (")
                .doesNotContain("{");
        assertThat(store.messages(sent.alert())).filteredOn(m -> m.language().equals("en"))
                .allSatisfy(m -> assertThat(m.text()).doesNotContain("posible actividad"));
        String list = mvc.perform(get("/admin/templates").with(signedInAs(admin)).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("posible actividad cerca de {site}", "Cambiada por esta red").doesNotContain("??");
        List<AuditEntry> entries = audit.recent(network.network().value(), 10);
        assertThat(entries).filteredOn(e -> e.subject().equals("template:ADVISORY/es/SMS")).singleElement()
                .satisfies(e -> assertThat(e.details()).isEqualTo("saved").doesNotContain("posible"));
    }

    @Test
    void anAlertWaitingForItsSecondApprovalGoesOutWithTheWordingItsApproversSaw() throws Exception {
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.DRILL));
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.NOT_ON_SIGNAL, null, families);
        AlertService.Outcome composed = alerts.compose(dispatcherA, new AlertService.Composition(AlertKind.DRILL,
                Optional.empty(), Optional.of(network.site()), Set.of(families), ""));
        assertThat(composed).as("a drill for families needs a second dispatcher")
                .isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        String builtIn = templates.defaults().find(new TemplateKey(AlertKind.DRILL, Language.SPANISH, Channel.SMS))
                .orElseThrow().text();

        clock.advance(Duration.ofMinutes(1));
        save(admin, AlertKind.DRILL, "es", Channel.SMS, "Aviso {network}: ensayo general numero uno en {site}. {instructions} Codigo {code}")
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofMinutes(1));
        AlertService.Outcome approved = alerts.approve(dispatcherB, composed.alert());

        assertThat(approved).isInstanceOf(AlertService.Outcome.Sent.class);
        assertThat(spanishSms(composed.alert())).doesNotContain("ensayo general")
                .contains(builtIn.substring(0, builtIn.indexOf('{')));
        AlertService.Outcome next = alerts.compose(dispatcherA, new AlertService.Composition(AlertKind.DRILL,
                Optional.empty(), Optional.of(network.site()), Set.of(network.dispatchers()), ""));
        assertThat(next).isInstanceOf(AlertService.Outcome.Sent.class);
        assertThat(spanishSms(next.alert())).contains("ensayo general numero uno en Wording Elementary");
    }

    @Test
    void aTextThatDropsTheCheckLinkOrRunsOverTwoSegmentsIsRefusedInSpanishAndNothingIsSaved() throws Exception {
        String withoutLink = "Aviso {network}: actividad en {site} a las {time}. Código {code}";
        String page = save(admin, AlertKind.VERIFIED, "es", Channel.SMS, withoutLink)
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Mantenga estos marcadores: {instructions}, {verifyUrl}", withoutLink, "aria-invalid=\"true\"",
                "lang=\"es\"");

        String tooLong = "Aviso {network}: actividad en {site} a las {time}. {instructions} Verifique {verifyUrl} Código {code}. "
                + "Mantenga la calma y siga las instrucciones del personal. ".repeat(6);
        page = save(admin, AlertKind.VERIFIED, "es", Channel.SMS, tooLong).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).containsPattern("Como SMS ocuparía [3-9] segmentos; se permiten como máximo 2");

        page = save(admin, AlertKind.VERIFIED, "es", Channel.SMS, "Código {code} en {sitio} }")
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("{sitio} no es un marcador", "Las llaves solo se permiten");

        save(admin, AlertKind.VERIFIED, "es", Channel.SIGNAL, "   ").andExpect(status().isBadRequest());
        assertThat(revisions()).isZero();
        assertThat(audit.recent(network.network().value(), 10)).noneMatch(e -> e.subject().startsWith("template:"));
    }

    @Test
    void theBuiltInTextCanBePutBackAndALanguageWithoutTemplatesCanGetOne() throws Exception {
        save(admin, AlertKind.ADVISORY, "es", Channel.SMS, OWN_ADVISORY).andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofSeconds(1));
        TemplateKey key = new TemplateKey(AlertKind.ADVISORY, Language.SPANISH, Channel.SMS);
        assertThat(templates.catalog(network.network()).find(key).orElseThrow().text()).isEqualTo(OWN_ADVISORY);

        mvc.perform(post("/admin/templates/reset").with(signedInAs(admin)).with(csrf()).param("kind", "ADVISORY")
                .param("language", "es").param("channel", "SMS")).andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofSeconds(1));

        assertThat(templates.catalog(network.network()).find(key)).isEqualTo(templates.defaults().find(key));
        assertThat(templates.catalog(network.network(), TestClock.START.plusMillis(500)).find(key).orElseThrow()
                .text()).as("the history still knows what was in force before").isEqualTo(OWN_ADVISORY);

        // a network that sends in Vietnamese can write its own text where the built-in set has none
        jdbc.update("update network set languages = 'en,es,vi' where id = ?", network.network().value());
        String form = mvc.perform(get("/admin/templates/edit").with(signedInAs(admin)).param("kind", "ADVISORY")
                        .param("language", "vi").param("channel", "SMS").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("these recipients get the English message");
        save(admin, AlertKind.ADVISORY, "vi", Channel.SMS, "Aviso {network}: co the co hoat dong gan {site} ({time}). {instructions} Ma {code}")
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofSeconds(1));
        assertThat(templates.catalog(network.network()).find(new TemplateKey(AlertKind.ADVISORY, Language.of("vi"),
                Channel.SMS))).isPresent();
    }

    @Test
    void onlyThisNetworksAdministratorChangesItsTemplates() throws Exception {
        TestData.SmallNetwork other = data.smallNetwork("Elsewhere");
        save(admin, AlertKind.ADVISORY, "es", Channel.SMS, OWN_ADVISORY).andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofSeconds(1));
        TemplateKey key = new TemplateKey(AlertKind.ADVISORY, Language.SPANISH, Channel.SMS);
        assertThat(templates.catalog(other.network()).find(key)).isEqualTo(templates.defaults().find(key));

        save(dispatcherA, AlertKind.ADVISORY, "es", Channel.SMS, "Otro {code}").andExpect(status().isForbidden());
        mvc.perform(post("/admin/templates/save").with(signedInAs(admin)).param("kind", "ADVISORY").param("language", "es")
                .param("channel", "SMS").param("text", "Sin CSRF {code}")).andExpect(status().isForbidden());
        save(admin, AlertKind.ADVISORY, "de", Channel.SMS, "Aviso {code}").andExpect(status().isBadRequest());
        save(admin, AlertKind.ADVISORY, "es", Channel.SMS, OWN_ADVISORY.replace("posible", "quizás"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/templates/save").with(signedInAs(admin)).with(csrf()).param("kind", "NOT_A_KIND")
                .param("language", "es").param("channel", "SMS").param("text", "x {code}"))
                .andExpect(status().isBadRequest());
        assertThat(revisions()).as("two saves, nothing for the refused ones").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from message_template_revision where network_id = ?",
                Integer.class, other.network().value())).isZero();
    }
}
