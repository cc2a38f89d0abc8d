package org.aviso.core.properties;

import static org.aviso.core.testing.TestClock.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryPlanner;
import org.aviso.core.escalation.DeliveryRules;
import org.aviso.core.escalation.RecipientDecision;
import org.aviso.core.escalation.RecipientTrack;
import org.aviso.core.escalation.SignalFailure;
import org.aviso.core.tree.CommunicationTree;
import org.junit.jupiter.api.Test;

/** Delivery invariants over random trees, random provider behaviour and random tick timing. */
class DeliveryPropertiesTest {

    private final DeliveryRules rules = DeliveryRules.defaults();

    @Test
    void eachRecipientGetsExactlyOneFirstMessageAndAtMostOneMessagePerChannel() {
        Property.forAll(150, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);
            RandomTrees.collectSizes(gen, tree);
            Audience audience = tree.audienceFor(gen.oneOf(List.of(AlertKind.VERIFIED, AlertKind.DRILL)),
                    RandomTrees.selection(gen, tree));
            gen.collect("audience", audience.size() <= 10 ? "01-10" : audience.size() <= 30 ? "11-30" : "31+");

            for (Recipient recipient : audience.recipients()) {
                Simulation run = new Simulation(rules.track(recipient, T0, ChannelPolicy.SIGNAL_THEN_SMS));
                List<ChannelSend> first = run.tick(T0);
                run.play(gen, Instant.MAX);

                assertThat(first).as("one first message, if any channel can reach them")
                        .hasSize(recipient.contact().reachable() ? 1 : 0);
                assertThat(run.sentOn(Channel.SIGNAL)).isLessThanOrEqualTo(1);
                assertThat(run.sentOn(Channel.SMS)).isLessThanOrEqualTo(1);
                if (!recipient.contact().reachableBySms()) {
                    assertThat(run.sentOn(Channel.SMS)).isZero();
                }
            }
        });
    }

    @Test
    void nothingGoesOutAfterTheAlertEndsButTheEndingMessageItself() {
        Property.forAll(150, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);
            Audience audience = tree.audienceFor(AlertKind.VERIFIED, RandomTrees.selection(gen, tree));
            Instant endedAt = T0.plus(gen.seconds(600));

            for (Recipient recipient : audience.recipients()) {
                Simulation run = new Simulation(rules.track(recipient, T0, ChannelPolicy.SIGNAL_THEN_SMS));
                run.play(gen, endedAt);
                run.events.add(new DeliveryEvent.AlertCancelled(endedAt));
                int before = run.sent.size();

                for (int i = 0; i < 5; i++) {
                    RecipientDecision after = DeliveryPlanner.decide(run.track, run.events,
                            endedAt.plus(gen.seconds(3_600)));
                    assertThat(after.send()).isEmpty();
                    assertThat(after.coverWithBackup()).isFalse();
                    assertThat(after.nextCheckAt()).isEmpty();
                }
                assertThat(run.sent).hasSize(before);
            }
            assertThat(Audience.followUp(audience).personIds()).containsExactlyElementsOf(audience.personIds());
        });
    }

    @Test
    void thePlannerIsIdempotentAndIgnoresEventOrder() {
        Property.forAll(300, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);
            Audience audience = tree.audienceFor(AlertKind.VERIFIED, RandomTrees.selectionReachingSomeone(gen, tree));
            // the first group always receives VERIFIED and holds a reachable person, so this never discards
            Property.assume(!audience.isEmpty());
            Recipient recipient = gen.oneOf(audience.recipients());
            gen.note("recipient: " + recipient.tier() + " " + recipient.contact().signal());
            Simulation run = new Simulation(rules.track(recipient, T0, gen.oneOf(ChannelPolicy.class)));
            run.play(gen, T0.plus(gen.seconds(900)));
            Instant now = T0.plus(gen.seconds(1_200));

            RecipientDecision once = DeliveryPlanner.decide(run.track, run.events, now);
            assertThat(DeliveryPlanner.decide(run.track, run.events, now)).isEqualTo(once);
            assertThat(DeliveryPlanner.decide(run.track, gen.shuffled(run.events), now)).isEqualTo(once);
            List<DeliveryEvent> doubled = new ArrayList<>(run.events);
            doubled.addAll(run.events);
            assertThat(DeliveryPlanner.decide(run.track, doubled, now)).isEqualTo(once);
        });
    }

    /** One recipient's delivery with a random provider: failures, receipts, acknowledgements and late ticks. */
    private static final class Simulation {
        final RecipientTrack track;
        final List<DeliveryEvent> events = new ArrayList<>();
        final List<ChannelSend> sent = new ArrayList<>();

        Simulation(RecipientTrack track) {
            this.track = track;
        }

        List<ChannelSend> tick(Instant now) {
            RecipientDecision decision = DeliveryPlanner.decide(track, List.copyOf(events), now);
            decision.send().forEach(send -> {
                sent.add(send);
                events.add(new DeliveryEvent.SendRecorded(send.channel(), now));
            });
            if (decision.coverWithBackup()) {
                events.add(new DeliveryEvent.BackupCovered(now));
            }
            return decision.send();
        }

        void play(Gen gen, Instant until) {
            Instant now = T0;
            int steps = gen.between(1, 20);
            for (int step = 0; step < steps; step++) {
                now = now.plus(Duration.ofSeconds(gen.between(1, 120)));
                if (!now.isBefore(until)) {
                    return;
                }
                int event = events.size();
                switch (gen.between(0, 9)) {
                    case 0 -> events.add(new DeliveryEvent.SignalFailed(gen.oneOf(SignalFailure.class), now));
                    case 1 -> events.add(new DeliveryEvent.SignalAccepted(now));
                    case 2 -> events.add(new DeliveryEvent.Delivered(gen.oneOf(Channel.class), now));
                    case 3 -> events.add(new DeliveryEvent.SmsFailed(gen.chance(0.5), now));
                    case 4 -> events.add(new DeliveryEvent.Acknowledged(now));
                    case 5 -> events.add(new DeliveryEvent.OptedOut(now));
                    default -> { }
                }
                if (events.size() > event) {
                    gen.note("  " + events.get(event));
                }
                tick(now);
            }
        }

        long sentOn(Channel channel) {
            return sent.stream().filter(s -> s.channel() == channel).count();
        }
    }
}
