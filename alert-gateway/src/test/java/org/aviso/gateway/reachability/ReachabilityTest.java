package org.aviso.gateway.reachability;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.SafetyNumbers;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who can be reached, before an incident, as an administrator sees and fixes it. */
@AvisoTest
@AutoConfigureMockMvc
@Import(ReachabilityTest.Channel.class)
class ReachabilityTest {

    /** The channel's side of re-trust, as signal-cli would answer it (SignalSafetyNumbersTest covers the wire). */
    static final List<PhoneNumber> trusted = new CopyOnWriteArrayList<>();
    static final AtomicReference<SafetyNumbers.Outcome> answer = new AtomicReference<>();

    @TestConfiguration
    static class Channel {
        @Bean
        @Primary
        SafetyNumbers standInSafetyNumbers() {
            return phone -> {
                trusted.add(phone);
                return answer.get();
            };
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    DeliveryEngine engine;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;
    GroupId families;
    PersonId changed;
    PersonId optedOut;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Reach");
        admin = network.administratorSignedIn();
        families = data.group(network.network(), Optional.of(network.site()), "Room 9 families", Tier.FAMILIES, Set.of());
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.ON_SIGNAL, null, families);
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.NOT_ON_SIGNAL, null, families);
        changed = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.ON_SIGNAL, null, families);
        tree.markIdentityChanged(changed, true);
        optedOut = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.NOT_ON_SIGNAL, null, families);
        tree.markSmsOptedOut(optedOut, true);
        trusted.clear();
        answer.set(SafetyNumbers.Outcome.TRUSTED);
    }

    @Test
    void countsEachGroupByHowItCanBeReachedAndListsWhoToFixWithMaskedNumbersOnly() throws Exception {
        String page = mvc.perform(get("/admin/reachability").with(signedInAs(admin)).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        String row = page.replaceAll("(?s).*(<tr id=\"group-" + families.value() + "\">.*?</tr>).*", "$1");
        assertThat(row).contains("data-state=\"CHANGED_SAFETY_NUMBER\">1<", "data-state=\"SIGNAL\">1<",
                "data-state=\"OPTED_OUT\">1<", "data-state=\"UNREACHABLE\">0<", "data-state=\"SMS_ONLY\">1<");
        assertThat(page).contains("id=\"work-" + changed.value() + "\"", "id=\"work-" + optedOut.value() + "\"",
                "Respondió STOP", "A quién se puede alcanzar").doesNotContain("??");
        String number = tree.person(network.network(), optedOut).orElseThrow().person().contact().phone().e164();
        assertThat(page).doesNotContain(number, number.substring(2));
    }

    @Test
    void reTrustingAChangedSafetyNumberTakesThePersonOffTheWorklist() throws Exception {
        mvc.perform(post("/admin/reachability/people/" + changed.value() + "/retrust").with(signedInAs(admin))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        // the channel was asked to trust exactly this person's number
        assertThat(trusted).containsExactly(
                tree.person(network.network(), changed).orElseThrow().person().contact().phone());
        assertThat(tree.person(network.network(), changed).orElseThrow().person().contact().identityChanged()).isFalse();
        String page = mvc.perform(get("/admin/reachability").with(signedInAs(admin))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).doesNotContain("id=\"work-" + changed.value() + "\"");
    }

    @Test
    void whenSignalCannotBeAskedTheSafetyNumberStaysMarkedAndTheAdministratorIsToldWhy() throws Exception {
        answer.set(SafetyNumbers.Outcome.UNAVAILABLE);
        var flash = mvc.perform(post("/admin/reachability/people/" + changed.value() + "/retrust")
                        .with(signedInAs(admin)).with(csrf()).header("Accept-Language", "es"))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();

        assertThat(trusted).hasSize(1);
        assertThat(tree.person(network.network(), changed).orElseThrow().person().contact().identityChanged()).isTrue();
        String page = mvc.perform(get("/admin/reachability").with(signedInAs(admin)).header("Accept-Language", "es")
                        .flashAttrs(flash))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"retrust-failed\"", "No se pudo contactar con Signal")
                .contains("id=\"work-" + changed.value() + "\"").doesNotContain("id=\"saved-notice\"");
    }

    @Test
    void aTestMessageToOneGroupShowsWhoItReached() throws Exception {
        String location = mvc.perform(post("/admin/reachability/groups/" + families.value() + "/test")
                        .with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        engine.runUntilIdle();

        String result = mvc.perform(get(location).with(signedInAs(admin))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(result).contains("Test message to Room 9 families");
        // the opted-out family cannot get an SMS and is not on Signal: 3 of the 4 are reached
        assertThat(result).contains("3 of 4 reached so far.", "data-outcome=\"NOT_REACHED\"");
        mvc.perform(get(location).with(signedInAs(data.smallNetwork("Elsewhere").administratorSignedIn())))
                .andExpect(status().isNotFound());
    }
}
