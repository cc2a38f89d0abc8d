package org.aviso.core.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.common.Checks;
import org.aviso.core.common.PersonId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.quorum.Quorum;
import org.aviso.core.quorum.QuorumPolicy;
import org.aviso.core.quorum.QuorumResult;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.tree.Tier;

/**
 * Decides whether an alert may be sent.
 *
 * <p>New alerts: an ADVISORY needs no quorum (it is unverified by definition) but must not reach families; a VERIFIED
 * alert needs a VERIFIED report and the network's quorum for its audience scope; a DRILL needs the quorum too, so the
 * two-person habit is practised along with everything else.
 *
 * <p>Follow-ups (UPDATE, ALL_CLEAR, FALSE_ALARM) go to exactly the audience the original alert was approved for and
 * need the same quorum as the original (a false all-clear sends families back into danger, so it deserves the same
 * two people as the alert); a network may relax that for UPDATEs only ({@link FollowUpQuorum}). Once the original
 * has had its ALL_CLEAR or FALSE_ALARM, nothing more may follow it.
 */
public final class AlertApproval {

    private final Clock clock;

    public AlertApproval(Clock clock) {
        this.clock = Checks.required(clock, "clock");
    }

    public ApprovalDecision approve(Alert alert, Optional<Report> report, Audience audience, QuorumPolicy policy,
            Collection<PersonId> confirmations) {
        Checks.required(alert, "alert");
        Checks.required(report, "report (use Optional.empty())");
        Checks.required(audience, "audience");
        Checks.required(policy, "quorum policy");
        Checks.noNulls(confirmations, "confirmations");
        Instant now = clock.instant();

        if (alert.kind().isFollowUp()) {
            return reject(alert, RejectionReason.WRONG_KIND, alert.kind() + " is a follow-up: use approveFollowUp",
                    Optional.empty(), now);
        }
        if (alert.isExpired(now)) {
            return reject(alert, RejectionReason.ALERT_EXPIRED, "the alert expired before it was approved",
                    Optional.empty(), now);
        }
        if (audience.isEmpty()) {
            return reject(alert, RejectionReason.EMPTY_AUDIENCE, "nobody would receive this alert", Optional.empty(),
                    now);
        }
        if (alert.kind() == AlertKind.ADVISORY) {
            boolean families = audience.scope() == AudienceScope.FAMILY_WIDE
                    || !audience.inTier(Tier.FAMILIES).isEmpty();
            return families
                    ? reject(alert, RejectionReason.ADVISORY_REACHES_FAMILIES,
                            "an unverified advisory never goes to families", Optional.empty(), now)
                    : new ApprovalDecision.Approved(alert, audience, Optional.empty(), false, now);
        }
        if (alert.kind() == AlertKind.VERIFIED && !verifiedReportFor(alert, report)) {
            return reject(alert, RejectionReason.REPORT_NOT_VERIFIED,
                    "a verified alert needs a report of this network and incident in VERIFIED status",
                    Optional.empty(), now);
        }
        QuorumResult quorum = Quorum.evaluate(policy, audience.scope(), alert.sender(), confirmations);
        if (!quorum.met()) {
            String detail = quorum.reason().orElse(quorum.missing() + " more distinct confirmation(s) needed");
            return reject(alert, RejectionReason.QUORUM_NOT_MET, detail, Optional.of(quorum), now);
        }
        return new ApprovalDecision.Approved(alert, audience, Optional.of(quorum), false, now);
    }

    public ApprovalDecision approveFollowUp(Alert followUp, Alert original, Audience originalAudience,
            Collection<Alert> earlierFollowUps) {
        Checks.required(followUp, "follow-up");
        Checks.required(original, "original alert");
        Checks.required(originalAudience, "original audience");
        Checks.noNulls(earlierFollowUps, "earlier follow-ups");
        Instant now = clock.instant();

        if (!followUp.kind().isFollowUp()) {
            return reject(followUp, RejectionReason.WRONG_KIND, followUp.kind() + " is not a follow-up",
                    Optional.empty(), now);
        }
        boolean refersToOriginal = !original.kind().isFollowUp()
                && followUp.refersTo().filter(original.id()::equals).isPresent()
                && followUp.network().equals(original.network())
                && followUp.exercise() == original.exercise();
        if (!refersToOriginal) {
            return reject(followUp, RejectionReason.WRONG_ORIGINAL,
                    "a follow-up refers to the original alert of the same network and exercise", Optional.empty(),
                    now);
        }
        boolean closed = earlierFollowUps.stream().anyMatch(earlier -> earlier.kind().isClosing()
                && earlier.refersTo().filter(original.id()::equals).isPresent()
                && !earlier.id().equals(followUp.id()));
        if (closed) {
            return reject(followUp, RejectionReason.ALERT_ALREADY_CLOSED,
                    "this alert already had its ALL_CLEAR or FALSE_ALARM", Optional.empty(), now);
        }
        return new ApprovalDecision.Approved(followUp, Audience.followUp(originalAudience), Optional.empty(),
                followUp.kind().isClosing(), now);
    }

    /**
     * A follow-up with its quorum counted: {@link #approveFollowUp(Alert, Alert, Audience, Collection)}, then the
     * quorum of the original's audience scope over {@code confirmations}, unless {@code rule} relaxes it for this
     * UPDATE. A follow-up that waits for more people is {@link RejectionReason#QUORUM_NOT_MET}, like a new alert.
     */
    public ApprovalDecision approveFollowUp(Alert followUp, Alert original, Audience originalAudience,
            Collection<Alert> earlierFollowUps, QuorumPolicy policy, FollowUpQuorum rule,
            Collection<PersonId> confirmations) {
        Checks.required(policy, "quorum policy");
        Checks.required(rule, "follow-up quorum rule");
        Checks.noNulls(confirmations, "confirmations");
        ApprovalDecision decision = approveFollowUp(followUp, original, originalAudience, earlierFollowUps);
        if (!(decision instanceof ApprovalDecision.Approved approved)) {
            return decision;
        }
        if (followUp.kind() == AlertKind.UPDATE && rule == FollowUpQuorum.RELAXED_FOR_UPDATES) {
            return decision;
        }
        QuorumResult quorum = Quorum.evaluate(policy, originalAudience.scope(), followUp.sender(), confirmations);
        if (!quorum.met()) {
            String detail = quorum.reason().orElse(quorum.missing() + " more distinct confirmation(s) needed");
            return reject(followUp, RejectionReason.QUORUM_NOT_MET, detail, Optional.of(quorum), approved.decidedAt());
        }
        return new ApprovalDecision.Approved(followUp, approved.audience(), Optional.of(quorum),
                approved.endsOriginal(), approved.decidedAt());
    }

    private static boolean verifiedReportFor(Alert alert, Optional<Report> report) {
        return report.filter(r -> r.status() == ReportStatus.VERIFIED)
                .filter(r -> r.network().equals(alert.network()))
                .filter(r -> alert.incident().map(r.incident()::equals).orElse(true))
                .isPresent();
    }

    private static ApprovalDecision reject(Alert alert, RejectionReason reason, String detail,
            Optional<QuorumResult> quorum, Instant now) {
        return new ApprovalDecision.Rejected(alert, reason, detail, quorum, now);
    }
}
