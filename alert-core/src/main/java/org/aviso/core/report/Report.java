package org.aviso.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aviso.core.common.Checks;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;

/**
 * A report and where it is in its lifecycle. Transitions return a new report and throw {@link LifecycleException}
 * when not allowed; the claim is exclusive so two dispatchers never verify the same report at cross purposes.
 *
 * <p>{@code toString()} leaves out the free text: it is what a reporter wrote and must not reach a log.
 *
 * @param text     what the reporter added in their own words, at most 500 characters, possibly empty
 * @param claim    present while CLAIMED and kept after resolution, to show who handled it
 * @param code     the report's short code, for the reporter to follow its status
 */
public record Report(
        ReportId id,
        NetworkId network,
        SiteId site,
        IncidentId incident,
        Salute salute,
        String text,
        ReporterTrust trust,
        Instant receivedAt,
        ReportStatus status,
        Optional<Claim> claim,
        Optional<Resolution> resolution,
        ShortCode code) {

    public static final int MAX_TEXT_LENGTH = 500;

    public Report {
        Checks.required(id, "report id");
        Checks.required(network, "network id");
        Checks.required(site, "site id");
        Checks.required(incident, "incident id");
        Checks.required(salute, "SALUTE details");
        Checks.required(text, "text (use an empty string)");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("report text must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        Checks.required(trust, "reporter trust");
        Checks.required(receivedAt, "receivedAt");
        Checks.required(status, "status");
        Checks.required(claim, "claim (use Optional.empty())");
        Checks.required(resolution, "resolution (use Optional.empty())");
        Checks.required(code, "report code");
        boolean consistent = switch (status) {
            case NEW -> claim.isEmpty() && resolution.isEmpty();
            case CLAIMED -> claim.isPresent() && resolution.isEmpty();
            case VERIFIED, FALSE_ALARM, UNABLE_TO_VERIFY ->
                    claim.isPresent() && resolution.map(r -> r.outcome() == status).orElse(false);
            case CLOSED -> resolution.map(r -> r.outcome() == status).orElse(false);
        };
        if (!consistent) {
            throw new IllegalArgumentException("a " + status + " report has an inconsistent claim or resolution");
        }
    }

    /** A report as it arrives: NEW, unclaimed. */
    public static Report received(ReportId id, NetworkId network, SiteId site, IncidentId incident, Salute salute,
            String text, ReporterTrust trust, Instant receivedAt, ShortCode code) {
        return new Report(id, network, site, incident, salute, text, trust, receivedAt, ReportStatus.NEW,
                Optional.empty(), Optional.empty(), code);
    }

    /** Takes the report. Claiming it again by the holder changes nothing, so a retried click is harmless. */
    public Report claim(PersonId by, Instant at) {
        Checks.required(by, "claimed by");
        Checks.required(at, "claimed at");
        if (status == ReportStatus.CLAIMED && holder().equals(by)) {
            return this;
        }
        if (status != ReportStatus.NEW) {
            throw new LifecycleException(status == ReportStatus.CLAIMED
                    ? "report is already claimed by another dispatcher"
                    : "report is already resolved as " + status);
        }
        return with(ReportStatus.CLAIMED, Optional.of(new Claim(by, at)), Optional.empty());
    }

    /** Gives the report back to the queue; only its holder may. */
    public Report release(PersonId by, Instant at) {
        Checks.required(by, "released by");
        Checks.required(at, "released at");
        requireClaimed("release");
        if (!holder().equals(by)) {
            throw new LifecycleException("only the dispatcher holding the claim can release it");
        }
        return with(ReportStatus.NEW, Optional.empty(), Optional.empty());
    }

    /**
     * Takes the claim away from its holder (for example, they went offline). Only an administrator may; the caller
     * checks the role, since a report does not know the tree.
     */
    public Report breakClaim(PersonId administrator, Instant at) {
        Checks.required(administrator, "administrator");
        Checks.required(at, "broken at");
        requireClaimed("break the claim on");
        return with(ReportStatus.NEW, Optional.empty(), Optional.empty());
    }

    /** Records the outcome; only the claim holder may, and only once. */
    public Report resolve(ReportStatus outcome, PersonId by, Instant at) {
        Checks.required(outcome, "outcome");
        Checks.required(by, "resolved by");
        Checks.required(at, "resolved at");
        if (!outcome.isVerdict()) {
            throw new LifecycleException("a report resolves as VERIFIED, FALSE_ALARM or UNABLE_TO_VERIFY");
        }
        requireClaimed("resolve");
        if (!holder().equals(by)) {
            throw new LifecycleException("only the dispatcher holding the claim can resolve the report");
        }
        return with(outcome, claim, Optional.of(new Resolution(outcome, by, at)));
    }

    /**
     * Its incident ended (an ALL_CLEAR or FALSE_ALARM went out): a report still open is CLOSED, keeping who held it;
     * a report with an outcome keeps it. {@code by} is who sent the closing alert.
     */
    public Report closeWithIncident(PersonId by, Instant at) {
        Checks.required(by, "closed by");
        Checks.required(at, "closed at");
        if (isResolved()) {
            return this;
        }
        return with(ReportStatus.CLOSED, claim, Optional.of(new Resolution(ReportStatus.CLOSED, by, at)));
    }

    /**
     * Whether the report has been held for {@code idleAfter} or longer without an outcome: the network pages about
     * it again, since a dispatcher who claimed and then went quiet leaves everyone thinking it is handled.
     */
    public boolean isClaimIdle(Instant now, Duration idleAfter) {
        Checks.required(now, "now");
        Checks.positive(idleAfter, "idle time");
        return status == ReportStatus.CLAIMED
                && claim.map(c -> !now.isBefore(c.at().plus(idleAfter))).orElse(false);
    }

    public boolean isResolved() {
        return status.isTerminal();
    }

    private void requireClaimed(String action) {
        if (status != ReportStatus.CLAIMED) {
            throw new LifecycleException("cannot " + action + " a report that is " + status + ", not CLAIMED");
        }
    }

    private PersonId holder() {
        return claim.map(Claim::by).orElseThrow(() -> new LifecycleException("report is not claimed"));
    }

    private Report with(ReportStatus newStatus, Optional<Claim> newClaim, Optional<Resolution> newResolution) {
        return new Report(id, network, site, incident, salute, text, trust, receivedAt, newStatus, newClaim,
                newResolution, code);
    }

    @Override
    public String toString() {
        return "Report[id=" + id + ", site=" + site + ", incident=" + incident + ", status=" + status + ", trust="
                + trust + ", receivedAt=" + receivedAt + ", code=" + code + ", text=(" + text.length() + " chars)]";
    }
}
