package org.aviso.gateway.enrolment;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.notify.simulated.SimulatedWorld;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.RawTables;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A family enrols itself by text, in Spanish or English, and leaves again; as the SMS stand-in carries it. */
@AvisoTest
class EnrolmentTest {

    @Autowired
    SimulatedWorld world;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    SiteEnrolments sites;
    @Autowired
    Enrolments enrolments;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    BlindIndex blindIndex;
    @Autowired
    TestClock clock;

    private static final java.util.concurrent.atomic.AtomicInteger CODES = new java.util.concurrent.atomic.AtomicInteger();

    TestData.SmallNetwork network;
    GroupId families;
    String code;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Enrol");
        families = data.group(network.network(), Optional.of(network.site()), "Enrol families", Tier.FAMILIES, Set.of());
        code = "ENROL" + CODES.incrementAndGet();
        sites.save(new SiteEnrolments.Setting(network.site(), network.network(), code, Optional.of(families), false));
    }

    private String say(PhoneNumber from, String text) {
        return world.reply(Channel.SMS, "demo", from, text).orElse("");
    }

    @Test
    void aFamilyJoinsInSpanishByNumberAndConsentAndIsAddedToTheFamilyGroup() throws Exception {
        PhoneNumber phone = new PhoneNumber("+15550188001");

        assertThat(say(phone, "UNIRME " + code.toLowerCase())).startsWith("Alertas de Aviso para Enrol Elementary")
                .contains("1 English", "2 Español");
        assertThat(say(phone, "2")).contains("Nunca pide nombres, estatus migratorio ni nacionalidad",
                "Responda SALIR", "Responda SÍ");
        assertThat(tree.peopleWithPhone(phone)).isEmpty();
        assertThat(say(phone, "Sí")).startsWith("Ya está inscrito");

        PersonDetails family = tree.peopleWithPhone(phone).get(0);
        assertThat(family.person().roles()).containsExactly(Role.FAMILY);
        assertThat(family.person().language()).isEqualTo(Language.SPANISH);
        assertThat(family.site()).contains(network.site());
        assertThat(tree.members(families)).contains(family.person().id());
        assertThat(jdbc.queryForList("select channel, text_version from consent where person_id = ?",
                family.person().id().value())).containsExactly(java.util.Map.of("channel", "SMS", "text_version",
                Enrolments.CONSENT_TEXT_VERSION));
        assertThat(jdbc.queryForObject("select count(*) from enrolment_conversation", Long.class)).isZero();
        // "1" and "SÍ" were conversation steps, never acknowledgements of anything
        assertThat(RawTables.scan(dataSource, List.of(phone.e164(), phone.e164().substring(2)), List.of())).isEmpty();
    }

    @Test
    void leaveRemovesAndErasesTheFamilyAndTheirConsent() throws Exception {
        PhoneNumber phone = new PhoneNumber("+15550188002");
        say(phone, "JOIN " + code);
        say(phone, "1");
        assertThat(say(phone, "yes")).startsWith("You are in");
        var id = tree.peopleWithPhone(phone).get(0).person().id();

        assertThat(say(phone, "LEAVE")).isEqualTo("Done: your number was removed and erased.");

        assertThat(tree.peopleWithPhone(phone)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from consent", Long.class)).isZero();
        assertThat(RawTables.scan(dataSource, List.of(phone.e164(), phone.e164().substring(2)),
                List.of(blindIndex.phone(phone.e164())))).isEmpty();
        assertThat(tree.members(families)).doesNotContain(id);
    }

    @Test
    void aSiteThatAsksForApprovalWaitsForTheAdministratorWhoseApprovalWelcomesTheFamily() {
        sites.save(new SiteEnrolments.Setting(network.site(), network.network(), code, Optional.of(families), true));
        PhoneNumber phone = new PhoneNumber("+15550188003");
        say(phone, "JOIN " + code);
        say(phone, "1");
        assertThat(say(phone, "YES")).startsWith("Thank you. A coordinator will confirm");
        assertThat(tree.peopleWithPhone(phone)).isEmpty();

        var waiting = enrolments.waiting(network.network());
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).maskedNumber()).endsWith("03").doesNotContain("0188");
        enrolments.approve(network.network(), waiting.get(0).id(), "user:" + network.administrator().id());
        engine.runUntilIdle();

        assertThat(tree.peopleWithPhone(phone)).hasSize(1);
        assertThat(inbox.recent(network.network().value(), 20)).anyMatch(e -> e.direction().equals("OUT")
                && e.body().startsWith("You are in") && e.channel() == Channel.SMS);
    }

    @Test
    void anUnknownCodeAnAlreadyEnrolledNumberAndSilenceForAnHourEachGetAClearAnswer() {
        assertThat(say(new PhoneNumber("+15550188004"), "JOIN NOPE9")).contains("No school uses the code NOPE9");
        PhoneNumber member = new PhoneNumber("+15550188005");
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.UNKNOWN, member, null);
        assertThat(say(member, "JOIN " + code)).startsWith("This number already gets alerts");

        PhoneNumber slow = new PhoneNumber("+15550188006");
        say(slow, "JOIN " + code);
        clock.advance(java.time.Duration.ofMinutes(61));
        assertThat(say(slow, "1")).isEmpty(); // the conversation ended: "1" is an ordinary message again
        assertThat(tree.peopleWithPhone(slow)).isEmpty();
    }
}
