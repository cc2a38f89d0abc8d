package org.aviso.core.scenario;

import static org.aviso.core.escalation.ChannelPolicy.SIGNAL_AND_SMS;
import static org.aviso.core.escalation.ChannelPolicy.SIGNAL_THEN_SMS;
import static org.aviso.core.testing.TestClock.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.common.EscalationId;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryRules;
import org.aviso.core.escalation.EscalationEngine;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.escalation.EscalationSnapshot;
import org.aviso.core.escalation.EscalationStep.Notify;
import org.aviso.core.escalation.EscalationStep.Wait;
import org.aviso.core.escalation.NotifyDecision;
import org.aviso.core.escalation.StopCondition;
import org.aviso.core.testing.DeliveryHarness;
import org.aviso.core.testing.PagingHarness;
import org.aviso.core.testing.TestClock;
import org.aviso.core.testing.TestTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "A new report pages on-call dispatchers over Signal; if nobody claims it in 2 minutes, backups are paged over
 * Signal and SMS; after 5 more, coordinators; repeat until claimed."
 */
class DispatcherPagingScenarioTest {

    static final EscalationPolicy NEW_REPORT_PAGE = new EscalationPolicy("new report", List.of(
            new Notify("on-call", SIGNAL_THEN_SMS),
            new Wait(minutes(2)),
            new Notify("backups", SIGNAL_AND_SMS),
            new Wait(minutes(5)),
            new Notify("coordinators", SIGNAL_THEN_SMS),
            new Wait(minutes(5))),
            EscalationPolicy.UNTIL_STOPPED, StopCondition.CLAIMED);

    private final TestTree lincoln = TestTree.standard();
    private final TestClock clock = TestClock.atT0();
    private PagingHarness page;

    @BeforeEach
    void aNewReportArrivesAtT0() {
        page = new PagingHarness(EscalationSnapshot.freeze(EscalationId.random(), NEW_REPORT_PAGE, Map.of(
                "on-call", lincoln.recipientsOf("On-call dispatchers"),
                "backups", lincoln.recipientsOf("Backup dispatchers"),
                "coordinators", lincoln.recipientsOf("Coordinators")), clock.instant()), clock);
    }

    @Test
    void pagesOnCallThenBackupsThenCoordinatorsAndStopsWhenClaimed() {
        assertThat(paged(page.tickAt(minutes(0)))).containsExactly("ana", "ben");
        assertThat(page.lastDecisions().nextTickAt()).contains(clock.at(minutes(2)));

        assertThat(page.tickAt(minutes(1))).as("nothing between steps").isEmpty();

        List<NotifyDecision> atTwo = page.tickAt(minutes(2));
        assertThat(paged(atTwo)).containsExactly("cruz");
        assertThat(atTwo).allSatisfy(d -> assertThat(d.channels()).isEqualTo(SIGNAL_AND_SMS));

        assertThat(paged(page.tickAt(minutes(7)))).containsExactly("dee", "eve");

        page.claimedBy(lincoln.id("ana"), minutes(8));
        assertThat(page.tickAt(minutes(8))).isEmpty();
        assertThat(page.lastDecisions().stopped()).isTrue();
        assertThat(page.lastDecisions().stopReason()).isEqualTo(EscalationEngine.CLAIMED);

        assertThat(page.tickAt(minutes(12))).as("nothing after the claim").isEmpty();
        assertThat(page.tickAt(minutes(60))).isEmpty();
        assertThat(paged(page.everythingSent())).containsExactly("ana", "ben", "cruz", "dee", "eve");
    }

    @Test
    void backupsGetSignalAndSmsAtOnceWithoutWaitingForAReceipt() {
        page.tickAt(minutes(0));
        NotifyDecision cruz = page.tickAt(minutes(2)).get(0);

        DeliveryHarness cruzDelivery = new DeliveryHarness(
                DeliveryRules.defaults().track(cruz.recipient(), clock.instant(), cruz.channels()), clock);

        assertThat(cruzDelivery.tick()).extracting(ChannelSend::channel).containsExactly(Channel.SIGNAL, Channel.SMS);
        assertThat(cruzDelivery.tickAt(minutes(4))).as("one of each, never again").isEmpty();
    }

    @Test
    void repeatsFromTheTopUntilSomeoneClaims() {
        page.tickAt(minutes(0));
        page.tickAt(minutes(2));
        page.tickAt(minutes(7));

        assertThat(paged(page.tickAt(minutes(12)))).as("round two").containsExactly("ana", "ben");
        assertThat(page.lastDecisions().notifications()).extracting(NotifyDecision::stepKey).containsOnly("r1.s0");
        assertThat(paged(page.tickAt(minutes(14)))).containsExactly("cruz");
        assertThat(paged(page.tickAt(minutes(19)))).containsExactly("dee", "eve");
        assertThat(paged(page.tickAt(minutes(24)))).as("round three").containsExactly("ana", "ben");

        page.claimedBy(lincoln.id("ben"), minutes(25));
        assertThat(page.tickAt(minutes(26))).isEmpty();
        assertThat(page.lastDecisions().stopped()).isTrue();
    }

    @Test
    void aLateTickCatchesUpWithOnePagePerStepNotOnePerMissedRound() {
        List<NotifyDecision> late = page.tickAt(minutes(30));

        assertThat(late).extracting(NotifyDecision::stepKey).containsExactly(
                "r2.s0", "r2.s0", "r2.s2", "r1.s4", "r1.s4");
        assertThat(paged(late)).containsExactly("ana", "ben", "cruz", "dee", "eve");
        assertThat(page.lastDecisions().nextTickAt()).as("coordinators' next round at 31m")
                .contains(clock.at(minutes(31)));
    }

    @Test
    void aDuplicateOrStaleTickSendsNothingTwice() {
        page.tickAt(minutes(0));

        assertThat(page.tick()).as("same instant, after the step was recorded").isEmpty();
        assertThat(page.tickAt(minutes(1))).isEmpty();
        assertThat(paged(page.everythingSent())).containsExactly("ana", "ben");
    }

    @Test
    void someoneWhoAcknowledgedIsNotPagedAgainWhileWaitingForAClaim() {
        page.tickAt(minutes(0));
        page.acknowledgedBy(lincoln.id("ana"), minutes(1));

        page.tickAt(minutes(2));
        page.tickAt(minutes(7));

        assertThat(paged(page.tickAt(minutes(12)))).containsExactly("ben");
    }

    @Test
    void editingTheTreeAfterThePageStartedChangesNothingInFlight() {
        List<Recipient> onCall = new ArrayList<>(lincoln.recipientsOf("On-call dispatchers"));
        Map<String, List<Recipient>> targets = new HashMap<>(Map.of(
                "on-call", onCall,
                "backups", lincoln.recipientsOf("Backup dispatchers"),
                "coordinators", lincoln.recipientsOf("Coordinators")));
        EscalationSnapshot snapshot = EscalationSnapshot.freeze(EscalationId.random(), NEW_REPORT_PAGE, targets,
                clock.instant());

        onCall.clear();
        targets.put("on-call", lincoln.recipientsOf("Coordinators"));

        assertThat(paged(new PagingHarness(snapshot, clock).tickAt(Duration.ZERO))).containsExactly("ana", "ben");
    }

    private List<String> paged(List<NotifyDecision> decisions) {
        return decisions.stream().map(d -> lincoln.handle(d.recipient().person())).toList();
    }
}
