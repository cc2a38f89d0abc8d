package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.RecipientState;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A short message to named people goes through the outbox: after its cause commits, once, in their language. */
@AvisoTest
class DirectMessagesTest {

    private static final Map<Language, String> TEXTS = Map.of(
            Language.ENGLISH, "An alert for Lincoln waits for your approval: open the console.",
            Language.SPANISH, "Una alerta para Lincoln espera su aprobación: abra la consola.");

    @Autowired
    DirectMessages messages;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void eachPersonGetsTheMessageOnceInTheirLanguageOnSignalOrBySmsWhenNotOnSignal() {
        TestData.SmallNetwork network = data.smallNetwork("Direct");
        PersonId english = onSignal(network, Language.ENGLISH, "+15550300001");
        PersonId spanish = onSignal(network, Language.SPANISH, "+15550300002");
        PersonId family = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                Language.SPANISH, SignalStatus.NOT_ON_SIGNAL, null);
        List<PersonId> people = List.of(english, spanish, family);

        UUID id = messages.send(DirectMessage.of(network.network(), DirectMessage.Purpose.APPROVAL_REQUEST,
                "alert:test", TEXTS, people));
        engine.runUntilIdle();

        List<DemoInbox.Entry> sent = inbox.recent(network.network().value(), 50).stream()
                .filter(e -> e.direction().equals("OUT")).toList();
        assertThat(sent).extracting(DemoInbox.Entry::personId)
                .containsExactlyInAnyOrder(english.value(), spanish.value(), family.value());
        assertThat(bodyOf(sent, english)).isEqualTo(TEXTS.get(Language.ENGLISH));
        assertThat(bodyOf(sent, spanish)).isEqualTo(TEXTS.get(Language.SPANISH));
        assertThat(sent).filteredOn(e -> e.personId().equals(family.value())).extracting(DemoInbox.Entry::channel)
                .containsExactly(Channel.SMS);
        assertThat(sent).filteredOn(e -> !e.personId().equals(family.value())).extracting(DemoInbox.Entry::channel)
                .containsOnly(Channel.SIGNAL);
        assertThat(messages.outcomes(id)).hasSize(3).allSatisfy(o -> assertThat(o.sent()).isTrue());
        assertThat(messages.about(network.network(), "alert:test")).containsExactly(id);
    }

    @Test
    void nothingLeavesWhenTheTransactionThatSentItRollsBack() {
        TestData.SmallNetwork network = data.smallNetwork("Rollback");

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            messages.send(DirectMessage.of(network.network(), DirectMessage.Purpose.ACCOUNT_NOTICE, "account:x", TEXTS,
                    List.of(network.dispatcherA())));
            throw new IllegalStateException("the change that caused the message failed");
        })).isInstanceOf(IllegalStateException.class);
        engine.runUntilIdle();

        assertThat(inbox.recent(network.network().value(), 50)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from direct_message where about = 'account:x'", Long.class))
                .isZero();
    }

    @Test
    void aPersonWhoseLanguageHasNoTextGetsTheEnglishOne() {
        TestData.SmallNetwork network = data.smallNetwork("Fallback");

        messages.send(DirectMessage.of(network.network(), DirectMessage.Purpose.ACCOUNT_NOTICE, "account:y",
                Map.of(Language.ENGLISH, "Someone knows your passphrase."), List.of(network.dispatcherB())));
        engine.runUntilIdle();

        assertThat(inbox.recent(network.network().value(), 10)).extracting(DemoInbox.Entry::body)
                .containsExactly("Someone knows your passphrase.");
    }

    @Test
    void anAnswerOnSignalOnlyNeverBecomesAnSmsForSomeoneNotOnSignal() {
        TestData.SmallNetwork network = data.smallNetwork("SignalOnly");
        PersonId family = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                Language.ENGLISH, SignalStatus.NOT_ON_SIGNAL, null);

        UUID id = messages.send(DirectMessage.of(network.network(), DirectMessage.Purpose.INBOX_ANSWER, "inbound:z",
                TEXTS, List.of(family)).via(ChannelPolicy.SIGNAL_ONLY));
        engine.runUntilIdle();

        assertThat(inbox.recent(network.network().value(), 10)).isEmpty();
        assertThat(messages.outcomes(id)).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(RecipientState.UNREACHABLE));
    }

    @Test
    void aCancelledMessageThatHadNotLeftNeverLeaves() {
        TestData.SmallNetwork network = data.smallNetwork("Cancel");

        UUID id = messages.send(DirectMessage.of(network.network(), DirectMessage.Purpose.APPROVAL_REQUEST, "alert:c",
                TEXTS, List.of(network.dispatcherA(), network.dispatcherB())));
        messages.cancel(id);
        engine.runUntilIdle();

        assertThat(inbox.recent(network.network().value(), 10)).isEmpty();
        assertThat(messages.outcomes(id)).extracting(DirectMessages.Outcome::state)
                .containsOnly(RecipientState.CANCELLED);
    }

    @Test
    void peopleOfAnotherNetworkAreLeftOut() {
        TestData.SmallNetwork ours = data.smallNetwork("Ours");
        TestData.SmallNetwork theirs = data.smallNetwork("Theirs");

        UUID id = messages.send(DirectMessage.of(ours.network(), DirectMessage.Purpose.TEST_MESSAGE, "group:g", TEXTS,
                List.of(ours.dispatcherA(), theirs.dispatcherA())));
        engine.runUntilIdle();

        assertThat(messages.outcomes(id)).extracting(DirectMessages.Outcome::person).containsExactly(ours.dispatcherA());
        assertThat(inbox.recent(theirs.network().value(), 10)).isEmpty();
    }

    @Test
    void everyPurposeCanBeStored() {
        TestData.SmallNetwork network = data.smallNetwork("Purposes");
        for (DirectMessage.Purpose purpose : DirectMessage.Purpose.values()) {
            UUID id = messages.send(DirectMessage.of(network.network(), purpose, "purpose:" + purpose, TEXTS,
                    List.of(network.dispatcherA())));
            assertThat(messages.outcomes(id)).as(purpose.name()).hasSize(1);
        }
    }

    @Test
    void aMessageMustSaySomethingInEnglishToSomebody() {
        TestData.SmallNetwork network = data.smallNetwork("Invalid");

        assertThatThrownBy(() -> DirectMessage.of(network.network(), DirectMessage.Purpose.TEST_MESSAGE, "x",
                Map.of(Language.SPANISH, "Hola"), List.of(network.dispatcherA())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectMessage.of(network.network(), DirectMessage.Purpose.TEST_MESSAGE, "x", TEXTS,
                List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectMessage.of(network.network(), DirectMessage.Purpose.TEST_MESSAGE, "x", TEXTS,
                List.of(network.dispatcherA())).via(ChannelPolicy.SIGNAL_AND_SMS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private PersonId onSignal(TestData.SmallNetwork network, Language language, String number) {
        return data.person(network.network(), Optional.empty(), Set.of(Role.DISPATCHER), language,
                SignalStatus.ON_SIGNAL, new org.aviso.core.common.PhoneNumber(number), null);
    }

    private static String bodyOf(List<DemoInbox.Entry> sent, PersonId person) {
        return sent.stream().filter(e -> e.personId().equals(person.value())).map(DemoInbox.Entry::body).findFirst()
                .orElseThrow();
    }
}
