package org.aviso.core.dispatch;

import static org.aviso.core.testing.AlertBuilder.anAlert;
import static org.aviso.core.testing.AlertBuilder.followUp;
import static org.aviso.core.testing.ReportBuilder.aReport;
import static org.aviso.core.testing.TestClock.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.PersonId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.report.Report;
import org.aviso.core.testing.TestClock;
import org.aviso.core.testing.TestTree;
import org.junit.jupiter.api.Test;

class AlertApprovalTest {

    private final TestTree lincoln = TestTree.standard();
    private final TestClock clock = TestClock.atT0();
    private final AlertApproval approval = new AlertApproval(clock);
    private final PersonId ana = lincoln.id("ana");
    private final PersonId eve = lincoln.id("eve");
    private final IncidentId incident = IncidentId.random();
    private final Report verifiedReport = aReport().network(lincoln.network().id()).incident(incident)
            .verifiedBy(ana, TestClock.T0);
    private final Audience everyone = lincoln.tree().audienceFor(AlertKind.VERIFIED, lincoln.allGroups());

    private Alert verifiedAlert() {
        return anAlert(AlertKind.VERIFIED).network(lincoln.network().id()).incident(incident).sentBy(ana).build();
    }

    private ApprovalDecision approve(Alert alert, Optional<Report> report, Audience audience,
            List<PersonId> confirmations) {
        return approval.approve(alert, report, audience, lincoln.network().quorum(), confirmations);
    }

    @Test
    void aVerifiedFamilyWideAlertGoesOutOnceTwoPeopleConfirmed() {
        ApprovalDecision decision = approve(verifiedAlert(), Optional.of(verifiedReport), everyone,
                List.of(ana, eve));

        assertThat(decision).isInstanceOf(ApprovalDecision.Approved.class);
        ApprovalDecision.Approved approved = (ApprovalDecision.Approved) decision;
        assertThat(approved.audience()).isEqualTo(everyone);
        assertThat(approved.quorum()).hasValueSatisfying(q -> assertThat(q.distinct()).isEqualTo(2));
        assertThat(approved.decidedAt()).isEqualTo(TestClock.T0);
        assertThat(approved.endsOriginal()).isFalse();
    }

    @Test
    void theSenderAloneCannotSendToFamiliesHoweverOftenTheyConfirm() {
        ApprovalDecision decision = approve(verifiedAlert(), Optional.of(verifiedReport), everyone,
                List.of(ana, ana, ana));

        assertThat(decision).isInstanceOf(ApprovalDecision.Rejected.class);
        ApprovalDecision.Rejected rejected = (ApprovalDecision.Rejected) decision;
        assertThat(rejected.reason()).isEqualTo(RejectionReason.QUORUM_NOT_MET);
        assertThat(rejected.detail()).contains("only approver");
    }

    @Test
    void aStaffOnlyAlertMayGoOutOnOneConfirmation() {
        Audience staff = lincoln.tree().audienceFor(AlertKind.VERIFIED,
                java.util.Set.of(lincoln.groupId("Lincoln teachers")));

        assertThat(staff.scope()).isEqualTo(AudienceScope.STAFF_ONLY);
        assertThat(approve(verifiedAlert(), Optional.of(verifiedReport), staff, List.of(ana)))
                .isInstanceOf(ApprovalDecision.Approved.class);
    }

    @Test
    void aVerifiedAlertNeedsAVerifiedReportOfTheSameIncident() {
        Report claimedOnly = aReport().network(lincoln.network().id()).incident(incident).received()
                .claim(ana, TestClock.T0);
        Report otherIncident = aReport().network(lincoln.network().id()).verifiedBy(ana, TestClock.T0);

        assertThat(reason(approve(verifiedAlert(), Optional.empty(), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.REPORT_NOT_VERIFIED);
        assertThat(reason(approve(verifiedAlert(), Optional.of(claimedOnly), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.REPORT_NOT_VERIFIED);
        assertThat(reason(approve(verifiedAlert(), Optional.of(otherIncident), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.REPORT_NOT_VERIFIED);
    }

    @Test
    void anAdvisoryNeedsNoQuorumButNeverReachesFamilies() {
        Alert advisory = anAlert(AlertKind.ADVISORY).network(lincoln.network().id()).sentBy(ana).build();
        Audience dispatchers = lincoln.tree().audienceFor(AlertKind.ADVISORY, lincoln.allGroups());

        assertThat(approve(advisory, Optional.empty(), dispatchers, List.of()))
                .isInstanceOf(ApprovalDecision.Approved.class);
        assertThat(reason(approve(advisory, Optional.empty(), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.ADVISORY_REACHES_FAMILIES);
    }

    @Test
    void aDrillPractisesTheQuorumToo() {
        Alert drill = anAlert(AlertKind.DRILL).network(lincoln.network().id()).sentBy(ana).build();

        assertThat(reason(approve(drill, Optional.empty(), everyone, List.of(ana))))
                .isEqualTo(RejectionReason.QUORUM_NOT_MET);
        assertThat(approve(drill, Optional.empty(), everyone, List.of(ana, eve)))
                .isInstanceOf(ApprovalDecision.Approved.class);
    }

    @Test
    void refusesExpiredEmptyAndMisfiledAlerts() {
        Alert alert = verifiedAlert();
        clock.moveTo(Duration.ofHours(3));
        assertThat(reason(approve(alert, Optional.of(verifiedReport), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.ALERT_EXPIRED);

        AlertApproval early = new AlertApproval(TestClock.atT0());
        assertThat(reason(early.approve(alert, Optional.of(verifiedReport), Audience.of(List.of()),
                lincoln.network().quorum(), List.of(ana, eve)))).isEqualTo(RejectionReason.EMPTY_AUDIENCE);
        assertThat(reason(early.approve(followUp(alert, AlertKind.UPDATE, TestClock.T0), Optional.empty(), everyone,
                lincoln.network().quorum(), List.of()))).isEqualTo(RejectionReason.WRONG_KIND);
    }

    @Test
    void followUpsReachExactlyTheOriginalAudienceWithoutANewQuorum() {
        Alert original = verifiedAlert();
        Alert update = followUp(original, AlertKind.UPDATE, clock.at(minutes(20)));

        ApprovalDecision decision = approval.approveFollowUp(update, original, everyone, List.of());

        assertThat(decision).isInstanceOf(ApprovalDecision.Approved.class);
        assertThat(((ApprovalDecision.Approved) decision).audience().recipients()).isEqualTo(everyone.recipients());
        assertThat(((ApprovalDecision.Approved) decision).endsOriginal()).isFalse();
    }

    @Test
    void anAllClearEndsTheOriginalAndNothingMayFollowIt() {
        Alert original = verifiedAlert();
        Alert allClear = followUp(original, AlertKind.ALL_CLEAR, clock.at(minutes(45)));
        Alert lateUpdate = followUp(original, AlertKind.UPDATE, clock.at(minutes(50)));
        Alert secondAllClear = followUp(original, AlertKind.FALSE_ALARM, clock.at(minutes(55)));

        ApprovalDecision cleared = approval.approveFollowUp(allClear, original, everyone, List.of());
        assertThat(((ApprovalDecision.Approved) cleared).endsOriginal()).isTrue();

        assertThat(reason(approval.approveFollowUp(lateUpdate, original, everyone, List.of(allClear))))
                .isEqualTo(RejectionReason.ALERT_ALREADY_CLOSED);
        assertThat(reason(approval.approveFollowUp(secondAllClear, original, everyone, List.of(allClear))))
                .isEqualTo(RejectionReason.ALERT_ALREADY_CLOSED);
        assertThat(approval.approveFollowUp(allClear, original, everyone, List.of(allClear)))
                .as("re-approving the same ALL_CLEAR is harmless").isInstanceOf(ApprovalDecision.Approved.class);
    }

    @Test
    void aFalseAlarmEndsTheOriginalAndNoAllClearOrUpdateMayFollowIt() {
        Alert original = verifiedAlert();
        Alert falseAlarm = followUp(original, AlertKind.FALSE_ALARM, clock.at(minutes(20)));
        Alert laterAllClear = followUp(original, AlertKind.ALL_CLEAR, clock.at(minutes(30)));

        ApprovalDecision ended = approval.approveFollowUp(falseAlarm, original, everyone, List.of());
        assertThat(((ApprovalDecision.Approved) ended).endsOriginal()).isTrue();
        assertThat(reason(approval.approveFollowUp(laterAllClear, original, everyone, List.of(falseAlarm))))
                .isEqualTo(RejectionReason.ALERT_ALREADY_CLOSED);
    }

    @Test
    void anAllClearOfAFamilyWideAlertNeedsTheSameTwoPeopleAsTheAlert() {
        Alert original = verifiedAlert();
        Alert allClear = followUp(original, AlertKind.ALL_CLEAR, clock.at(minutes(45)));
        PersonId sender = allClear.sender();

        ApprovalDecision alone = approval.approveFollowUp(allClear, original, everyone, List.of(),
                lincoln.network().quorum(), FollowUpQuorum.SAME_AS_ORIGINAL, List.of(sender));
        ApprovalDecision relaxedStillAlone = approval.approveFollowUp(allClear, original, everyone, List.of(),
                lincoln.network().quorum(), FollowUpQuorum.RELAXED_FOR_UPDATES, List.of(sender, sender));
        ApprovalDecision two = approval.approveFollowUp(allClear, original, everyone, List.of(),
                lincoln.network().quorum(), FollowUpQuorum.SAME_AS_ORIGINAL, List.of(sender, eve));

        assertThat(reason(alone)).isEqualTo(RejectionReason.QUORUM_NOT_MET);
        assertThat(reason(relaxedStillAlone)).as("relaxing is for UPDATEs only").isEqualTo(RejectionReason.QUORUM_NOT_MET);
        assertThat(two).isInstanceOf(ApprovalDecision.Approved.class);
        assertThat(((ApprovalDecision.Approved) two).endsOriginal()).isTrue();
    }

    @Test
    void anUpdateNeedsTheQuorumUnlessTheNetworkRelaxedItForUpdates() {
        Alert original = verifiedAlert();
        Alert update = followUp(original, AlertKind.UPDATE, clock.at(minutes(20)));

        assertThat(reason(approval.approveFollowUp(update, original, everyone, List.of(), lincoln.network().quorum(),
                FollowUpQuorum.SAME_AS_ORIGINAL, List.of(update.sender())))).isEqualTo(RejectionReason.QUORUM_NOT_MET);
        assertThat(approval.approveFollowUp(update, original, everyone, List.of(), lincoln.network().quorum(),
                FollowUpQuorum.RELAXED_FOR_UPDATES, List.of(update.sender())))
                .isInstanceOf(ApprovalDecision.Approved.class);
    }

    @Test
    void aFollowUpMustReferToTheGivenOriginal() {
        Alert original = verifiedAlert();
        Alert unrelated = followUp(verifiedAlert(), AlertKind.UPDATE, TestClock.T0);
        Alert notAFollowUp = verifiedAlert();

        assertThat(reason(approval.approveFollowUp(unrelated, original, everyone, List.of())))
                .isEqualTo(RejectionReason.WRONG_ORIGINAL);
        assertThat(reason(approval.approveFollowUp(notAFollowUp, original, everyone, List.of())))
                .isEqualTo(RejectionReason.WRONG_KIND);
    }

    private static RejectionReason reason(ApprovalDecision decision) {
        assertThat(decision).isInstanceOf(ApprovalDecision.Rejected.class);
        return ((ApprovalDecision.Rejected) decision).reason();
    }

    @Test
    void aReportVerifiedForAnotherIncidentDoesNotVerifyThisAlert() {
        Report verifiedElsewhere = aReport().network(lincoln.network().id()).incident(IncidentId.random())
                .verifiedBy(ana, TestClock.T0);

        assertThat(reason(approve(verifiedAlert(), Optional.of(verifiedElsewhere), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.REPORT_NOT_VERIFIED);
        assertThat(approve(verifiedAlert(), Optional.of(verifiedReport), everyone, List.of(ana, eve)))
                .isInstanceOf(ApprovalDecision.Approved.class);
    }

    @Test
    void aReportVerifiedByAnotherNetworkDoesNotVerifyThisAlert() {
        Report otherNetwork = aReport().network(org.aviso.core.common.NetworkId.random()).incident(incident)
                .verifiedBy(ana, TestClock.T0);

        assertThat(reason(approve(verifiedAlert(), Optional.of(otherNetwork), everyone, List.of(ana, eve))))
                .isEqualTo(RejectionReason.REPORT_NOT_VERIFIED);
    }
}
