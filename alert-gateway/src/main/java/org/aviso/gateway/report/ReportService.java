package org.aviso.gateway.report;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.Incident;
import org.aviso.core.report.IncidentAssignment;
import org.aviso.core.report.IncidentGrouping;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.ReporterTrust;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Site;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.page.PageService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports from site contacts' phones (and calls a dispatcher logs), and their lifecycle: claimed by one
 * dispatcher, released or broken by an administrator, resolved as verified, false alarm or unable to verify. Each
 * step is audited; a new report starts paging dispatchers in the same transaction.
 */
@Service
public class ReportService {

    private static final Duration EXTEND_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final ReportStore reports;
    private final TreeStore tree;
    private final PageService pages;
    private final AuditLog audit;
    private final ReportEvents events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ReportService(ReportStore reports, TreeStore tree, PageService pages, AuditLog audit, ReportEvents events,
            Clock clock) {
        this.reports = reports;
        this.tree = tree;
        this.pages = pages;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What a site contact (or a dispatcher logging a call) tells us. */
    public record Submission(Salute salute, String text, Optional<PhotoSanitizer.Clean> photo) {

        @Override
        public String toString() {
            return "Submission[" + salute + ", text hidden]";
        }
    }

    /** A site contact reports for their own site; only enrolled phones get here. */
    @Transactional
    public Report submitFromDevice(AvisoPrincipal device, Submission submission) {
        if (device.role() != AvisoRole.SITE_CONTACT || device.siteId() == null) {
            throw new AccessDeniedException("Only an enrolled site contact's phone can report for a site");
        }
        Report report = receive(new NetworkId(device.networkId()), new SiteId(device.siteId()), submission,
                ReporterTrust.ENROLLED_SITE_CONTACT, Optional.ofNullable(device.personId()), Optional.of(device.id()),
                device.actor());
        return report;
    }

    /** A dispatcher logs a report that reached the hotline from someone who is not an enrolled site contact. */
    @Transactional
    public Report logCall(AvisoPrincipal dispatcher, SiteId site, Submission submission) {
        requireDispatcher(dispatcher);
        return receive(new NetworkId(dispatcher.networkId()), site, submission, ReporterTrust.UNENROLLED,
                Optional.empty(), Optional.empty(), dispatcher.actor());
    }

    /**
     * A site contact texted Aviso from their enrolled number: a report of their site, marked "by message", grouped
     * and paged like one from the form. Runs in the inbound handler's transaction.
     */
    @Transactional
    public Report submitByMessage(NetworkId network, SiteId site, PersonId contact, String text) {
        return submitByMessage(network, site, contact, text, List.of());
    }

    /**
     * The same, with the photos the message carried (Signal attachments), already through {@link PhotoSanitizer}
     * like the form's: stored encrypted with the report, shown on its page.
     */
    @Transactional
    public Report submitByMessage(NetworkId network, SiteId site, PersonId contact, String text,
            List<PhotoSanitizer.Clean> photos) {
        Report report = receive(network, site, new Submission(Salute.unknown(), clip(text), Optional.empty()),
                ReporterTrust.ENROLLED_SITE_CONTACT, Optional.of(contact.value()), Optional.empty(),
                "person:" + contact.value());
        reports.markByMessage(report.id());
        Instant now = clock.instant();
        photos.forEach(photo -> reports.insertPhoto(report.id(), network, photo.contentType(), photo.bytes(), now));
        return report;
    }

    /**
     * A dispatcher promotes a message from the lower-trust queue into a report of {@code site}: it joins or opens
     * the site's incident and pages, marked low trust and "by message".
     */
    @Transactional
    public Report promoteMessage(AvisoPrincipal dispatcher, SiteId site, String text) {
        requireDispatcher(dispatcher);
        Report report = receive(new NetworkId(dispatcher.networkId()), site,
                new Submission(Salute.unknown(), clip(text), Optional.empty()), ReporterTrust.UNENROLLED,
                Optional.empty(), Optional.empty(), dispatcher.actor());
        reports.markByMessage(report.id());
        return report;
    }

    private static String clip(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= Report.MAX_TEXT_LENGTH ? stripped
                : stripped.substring(0, Report.MAX_TEXT_LENGTH);
    }

    private Report receive(NetworkId network, SiteId siteId, Submission submission, ReporterTrust trust,
            Optional<UUID> person, Optional<UUID> device, String actor) {
        NetworkRecord networkRecord = tree.network(network).orElseThrow(NotInNetworkException::new);
        Site site = tree.site(network, siteId).orElseThrow(NotInNetworkException::new);
        Instant now = clock.instant();
        List<Incident> open = reports.openIncidents(siteId, now);
        IncidentAssignment assignment = IncidentGrouping.of(networkRecord.network()).assign(network, siteId, now, open,
                reports.closures(siteId, now), IncidentId::random);
        Incident incident = assignment.incident();
        boolean joined = assignment instanceof IncidentAssignment.Joined;
        if (assignment instanceof IncidentAssignment.Opened opened) {
            reports.saveIncident(incident);
            opened.after().ifPresent(after -> reports.markAfter(incident.id(), after.incident()));
        }
        Report report = Report.received(ReportId.random(), network, siteId, incident.id(), submission.salute(),
                submission.text() == null ? "" : submission.text().strip(), trust, now, ShortCode.generate(random));
        reports.insert(report, person, device);
        submission.photo().ifPresent(photo -> reports.insertPhoto(report.id(), network, photo.contentType(),
                photo.bytes(), now));
        audit.record(network.value(), actor, AuditAction.REPORT_SUBMITTED, subject(report),
                "trust=" + trust + " incident=" + incident.id().value()
                        + (joined ? " joined" : " opened"));
        pages.start(report, site.name());
        if (joined && worthExtending(open, incident)) {
            // touched last, so its row lock is held only from here to the commit
            reports.extendIncident(incident);
        }
        events.changed(network);
        return report;
    }

    /**
     * Whether a report that joined {@code extended} moves its times on by enough to write: at most once a second
     * per incident. During a flood of reports about one school, writing the one incident row for every report made
     * PostgreSQL walk an ever longer chain of its dead versions: in the report-intake benchmark at 500 posts/s
     * offered, 187 posts/s were answered when every report wrote it, 365 when at most one a second did. An incident may so end up to a second before its exact window, against a window of minutes.
     */
    private static boolean worthExtending(List<Incident> open, Incident extended) {
        return open.stream().filter(i -> i.id().equals(extended.id())).findFirst()
                .map(before -> !before.lastReportAt().plus(EXTEND_AT_MOST_EVERY).isAfter(extended.lastReportAt())
                        || !before.expiresAt().plus(EXTEND_AT_MOST_EVERY).isAfter(extended.expiresAt()))
                .orElse(true);
    }

    @Transactional
    public Report claim(AvisoPrincipal dispatcher, ReportId id) {
        PersonId person = requireDispatcher(dispatcher);
        return transition(dispatcher, id, report -> report.claim(person, clock.instant()), AuditAction.REPORT_CLAIMED,
                "", claimed -> pages.claimed(claimed, person));
    }

    @Transactional
    public Report release(AvisoPrincipal dispatcher, ReportId id) {
        PersonId person = requireDispatcher(dispatcher);
        return transition(dispatcher, id, report -> report.release(person, clock.instant()), AuditAction.REPORT_RELEASED,
                "", released -> { });
    }

    @Transactional
    public Report breakClaim(AvisoPrincipal administrator, ReportId id) {
        if (!administrator.isAdministrator()) {
            throw new AccessDeniedException("Only an administrator can break a claim");
        }
        PersonId person = administrator.personId() != null ? new PersonId(administrator.personId())
                : new PersonId(administrator.id());
        return transition(administrator, id, report -> report.breakClaim(person, clock.instant()),
                AuditAction.CLAIM_BROKEN, "", broken -> { });
    }

    @Transactional
    public Report resolve(AvisoPrincipal dispatcher, ReportId id, ReportStatus outcome) {
        PersonId person = requireDispatcher(dispatcher);
        return transition(dispatcher, id, report -> report.resolve(outcome, person, clock.instant()),
                AuditAction.REPORT_RESOLVED, "outcome=" + outcome, resolved -> pages.cancelled(resolved));
    }

    /** A dispatcher claims by replying {@code CLAIM <code>} over Signal or SMS. */
    @Transactional
    public Report claimByCode(NetworkId network, PersonId dispatcher, ShortCode code) {
        ReportStore.StoredReport stored = reports.findByCode(network, code).orElseThrow(NotInNetworkException::new);
        Report claimed = stored.report().claim(dispatcher, clock.instant());
        reports.update(claimed, stored.version());
        audit.record(network.value(), "person:" + dispatcher.value(), AuditAction.REPORT_CLAIMED, subject(claimed),
                "via=reply");
        pages.claimed(claimed, dispatcher);
        events.changed(network);
        return claimed;
    }

    public Optional<ReportStore.StoredReport> find(AvisoPrincipal principal, ReportId id) {
        return reports.find(new NetworkId(principal.networkId()), id);
    }

    private Report transition(AvisoPrincipal actor, ReportId id, java.util.function.UnaryOperator<Report> change,
            AuditAction action, String details, java.util.function.Consumer<Report> then) {
        NetworkId network = new NetworkId(actor.networkId());
        ReportStore.StoredReport stored = reports.find(network, id).orElseThrow(NotInNetworkException::new);
        Report changed = change.apply(stored.report());
        reports.update(changed, stored.version());
        audit.record(network.value(), actor.actor(), action, subject(changed), details);
        then.accept(changed);
        events.changed(network);
        return changed;
    }

    private static PersonId requireDispatcher(AvisoPrincipal principal) {
        if (principal == null || !principal.isDispatcher() || principal.kind() != AvisoPrincipal.Kind.USER) {
            throw new AccessDeniedException("Dispatchers only");
        }
        if (principal.personId() == null) {
            throw new AccessDeniedException("This account is not linked to a person in the tree, so it cannot act on reports");
        }
        return new PersonId(principal.personId());
    }

    static String subject(Report report) {
        return "report:" + report.id().value();
    }
}
