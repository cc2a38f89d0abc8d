package org.aviso.gateway.retention;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.notify.simulated.SimulatedWorld;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.RawTables;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Removing people, groups and sites, and refusing duplicates, as an administrator does it on the pages. */
@AvisoTest
@AutoConfigureMockMvc
class ErasureTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    DirectMessages messages;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    SimulatedWorld world;
    @Autowired
    BlindIndex blindIndex;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Erase");
        admin = network.administratorSignedIn();
    }

    @Test
    void removingAFamilyLeavesNoTraceOfTheNumberOrItsBlindIndexButKeepsTheDeliveryCounts() throws Exception {
        PhoneNumber number = new PhoneNumber("+15550177123");
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Erase families", Tier.FAMILIES,
                Set.of());
        PersonId family = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                Language.SPANISH, SignalStatus.NOT_ON_SIGNAL, number, null, families);
        UUID message = messages.send(DirectMessage.of(network.network(), DirectMessage.Purpose.TEST_MESSAGE, "test",
                Map.of(Language.ENGLISH, "A test from your school's alert network."), List.of(family)));
        engine.runUntilIdle();
        world.reply(Channel.SMS, "demo", number, "Gracias, ¿qué pasa en la escuela?");
        engine.runUntilIdle();
        long deliveries = jdbc.queryForObject("select count(*) from delivery where message_id = ?", Long.class, message);
        assertThat(deliveries).isPositive();
        byte[] index = blindIndex.phone(number.e164());
        assertThat(RawTables.scan(dataSource, List.of(), List.of(index))).isNotEmpty(); // the scan sees it before

        mvc.perform(post("/admin/people/" + family.value() + "/remove").with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(tree.person(network.network(), family)).isEmpty();
        assertThat(tree.members(families)).isEmpty();
        // the person's random id stays in the append-only audit chain ("erased"); it leads nowhere now
        assertThat(RawTables.scan(dataSource, List.of(number.e164(), number.e164().substring(2),
                HexFormat.of().formatHex(index)), List.of(index))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from recipient_track where person_id = ?", Long.class,
                family.value())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from delivery where message_id = ?", Long.class, message))
                .isEqualTo(deliveries);
        assertThat(messages.outcomes(message)).hasSize(1).allSatisfy(o -> assertThat(o.sent()).isTrue());
    }

    @Test
    void aNumberAlreadyInTheNetworkIsRefusedByTheFieldWith400AndNothingChanges() throws Exception {
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.UNKNOWN, new PhoneNumber("+15550177200"), null);
        int before = tree.people(network.network()).size();

        String page = mvc.perform(post("/admin/people").with(signedInAs(admin)).with(csrf())
                        .header("Accept-Language", "es").param("label", "Room 3 family").param("language", "es")
                        .param("roles", "FAMILY").param("phone", "+1 555 017 7200"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Este número ya está en la red", "id=\"phone-error\"").doesNotContain("5550177200");
        assertThat(tree.people(network.network())).hasSize(before);
    }

    @Test
    void aSecondSchoolOfTheSameNameIsRefusedWith400() throws Exception {
        String page = mvc.perform(post("/admin/sites").with(signedInAs(admin)).with(csrf())
                        .param("name", "  erase   ELEMENTARY "))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("A site with this name is already in the network");
        assertThat(tree.sites(network.network())).hasSize(1);
    }

    @Test
    void aSiteWithPeopleAndAGroupThatIsABackupAreNotRemovedAndSayWhy() throws Exception {
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.UNKNOWN, null);
        String page = mvc.perform(post("/admin/sites/" + network.site().value() + "/remove").with(signedInAs(admin))
                        .with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("This site still has people or groups");
        assertThat(tree.sites(network.network())).hasSize(1);

        var empty = data.site(network.network(), "Closed Annex");
        mvc.perform(post("/admin/sites/" + empty.value() + "/remove").with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(tree.sites(network.network())).hasSize(1);

        mvc.perform(post("/admin/people/" + network.dispatcherA().value() + "/remove").with(signedInAs(admin))
                        .with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(tree.person(network.network(), network.dispatcherA())).isPresent();
        mvc.perform(post("/admin/people/" + UUID.randomUUID() + "/remove").with(signedInAs(admin)).with(csrf()))
                .andExpect(status().isNotFound());
    }
}
