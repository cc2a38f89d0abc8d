package org.aviso.core.scenario;

import static org.aviso.core.testing.TestClock.minutes;
import static org.aviso.core.testing.TestClock.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryRules;
import org.aviso.core.escalation.RecipientState;
import org.aviso.core.escalation.RecipientTrack;
import org.aviso.core.testing.DeliveryHarness;
import org.aviso.core.testing.TestClock;
import org.aviso.core.testing.TestTree;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.SignalStatus;
import org.junit.jupiter.api.Test;

/** "A site lead who does not acknowledge within 5 minutes: their backup is paged." */
class SiteLeadBackupScenarioTest {

    private final TestTree lincoln = TestTree.standard();
    private final TestClock clock = TestClock.atT0();
    private final DeliveryRules rules = DeliveryRules.defaults();
    private final Audience audience = lincoln.tree().audienceFor(AlertKind.VERIFIED, lincoln.allGroups());

    private Recipient frank() {
        return audience.recipients().stream().filter(r -> r.person().equals(lincoln.id("frank"))).findFirst()
                .orElseThrow();
    }

    @Test
    void backupIsPagedWhenTheSiteLeadHasNotAcknowledgedAfterFiveMinutes() {
        DeliveryHarness frank = new DeliveryHarness(rules.track(frank(), clock.instant(),
                ChannelPolicy.SIGNAL_THEN_SMS), clock);

        assertThat(frank.tickAt(minutes(0))).containsExactly(new ChannelSend(Channel.SIGNAL,
                org.aviso.core.escalation.SendReason.FIRST_CONTACT));
        frank.delivered(Channel.SIGNAL, seconds(10));
        assertThat(frank.tickAt(seconds(10))).isEmpty();
        assertThat(frank.lastDecision().nextCheckAt()).as("look again when the 5 minutes are up")
                .contains(clock.at(minutes(5)));

        frank.tickAt(minutes(4, 59));
        assertThat(frank.lastDecision().coverWithBackup()).isFalse();

        frank.tickAt(minutes(5));
        assertThat(frank.lastDecision().coverWithBackup()).isTrue();

        List<RecipientTrack> backups = rules.backupTracks(frank(), audience, clock.instant(),
                ChannelPolicy.SIGNAL_THEN_SMS);
        frank.record(new DeliveryEvent.BackupCovered(clock.instant()));
        assertThat(backups).extracting(t -> lincoln.handle(t.recipient().person())).containsExactly("gina");

        DeliveryHarness gina = new DeliveryHarness(backups.get(0), clock);
        assertThat(gina.tick()).extracting(ChannelSend::channel).containsExactly(Channel.SIGNAL);

        frank.tickAt(minutes(6));
        assertThat(frank.lastDecision().coverWithBackup()).as("covered once, not on every tick").isFalse();
        assertThat(frank.everythingSent()).as("frank himself got one message").hasSize(1);
    }

    @Test
    void noBackupWhenTheSiteLeadAcknowledgesInTime() {
        DeliveryHarness frank = new DeliveryHarness(rules.track(frank(), clock.instant(),
                ChannelPolicy.SIGNAL_THEN_SMS), clock);
        frank.tickAt(minutes(0));
        frank.acknowledged(minutes(3));

        frank.tickAt(minutes(5));
        frank.tickAt(minutes(30));

        assertThat(frank.lastDecision().coverWithBackup()).isFalse();
        assertThat(frank.lastDecision().state()).isEqualTo(RecipientState.ACKNOWLEDGED);
        assertThat(frank.lastDecision().isSettled()).isTrue();
    }

    @Test
    void anUnreachableSiteLeadIsCoveredAtOnce() {
        Recipient unreachable = new Recipient(frank().person(), frank().group(), frank().tier(), frank().language(),
                new ContactPoint(frank().contact().phone(), SignalStatus.NOT_ON_SIGNAL, true, false, false),
                frank().mode(), true, TestTree.SITE_LEAD_ACK, frank().backup());

        DeliveryHarness frank = new DeliveryHarness(rules.track(unreachable, clock.instant(),
                ChannelPolicy.SIGNAL_THEN_SMS), clock);

        assertThat(frank.tickAt(minutes(0))).isEmpty();
        assertThat(frank.lastDecision().state()).isEqualTo(RecipientState.OPTED_OUT);
        assertThat(frank.lastDecision().coverWithBackup()).isTrue();
    }

    @Test
    void aBackupAlreadyInTheAudienceIsNotSentTheAlertTwice() {
        Audience withGina = audience.plus(audience.backupsFor(lincoln.groupId("Lincoln office backups")));

        assertThat(rules.backupTracks(frank(), withGina, clock.instant(), ChannelPolicy.SIGNAL_THEN_SMS)).isEmpty();
    }
}
