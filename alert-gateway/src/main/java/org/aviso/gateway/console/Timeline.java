package org.aviso.gateway.console;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.ReportId;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.report.VerificationNotes;

import org.springframework.stereotype.Component;

/**
 * An incident's story from the audit log: who reported, claimed, verified, approved and sent what, and when. The
 * log keeps ids and kinds only; names come from {@link ActorNames} at display time.
 */
@Component
class Timeline {

    private static final Pattern OUTCOME = Pattern.compile("outcome=([A-Z_]+)");
    private static final Pattern KIND = Pattern.compile("kind=([A-Z_]+)");
    private static final Pattern RECIPIENTS = Pattern.compile("recipients=(\\d+)");
    private static final Pattern NOTE = Pattern.compile("note=([0-9a-f-]{36})");

    private final AuditLog audit;
    private final ReportStore reports;
    private final AlertStore alerts;
    private final VerificationNotes notes;

    Timeline(AuditLog audit, ReportStore reports, AlertStore alerts, VerificationNotes notes) {
        this.audit = audit;
        this.reports = reports;
        this.alerts = alerts;
        this.notes = notes;
    }

    /**
     * One line of the timeline; {@code outcomeKey} names a report outcome or an alert kind when there is one;
     * {@code note} is the verification note a {@code REPORT_NOTED} line is about (its words come from the note,
     * decrypted for this page, never from the audit log).
     */
    record Entry(long seq, ZonedDateTime at, ActorNames.Actor actor, AuditAction action, String subjectKind,
            String subjectCode, String outcomeKey, Integer recipients, VerificationNotes.Note note) {
    }

    /** Everything about the reports and alerts of one incident. */
    List<Entry> forIncident(NetworkId network, IncidentId incident, ActorNames.Names names, ZoneId zone) {
        Set<Subject> subjects = new LinkedHashSet<>();
        subjects.add(new Subject("incident:" + incident.value(), "incident", ""));
        reports.recent(network, 500).stream().filter(r -> r.report().incident().equals(incident))
                .forEach(r -> subjects.add(new Subject("report:" + r.report().id().value(), "report",
                        r.report().code().display())));
        alerts.forIncident(incident).stream().filter(a -> a.alert().network().equals(network))
                .forEach(a -> subjects.add(new Subject("alert:" + a.alert().id().value(), "alert",
                        a.alert().code().display())));
        return entries(network, subjects, names, zone);
    }

    /** An alert without an incident (a drill, an advisory): the alert and its follow-ups. */
    List<Entry> forAlert(NetworkId network, AlertStore.StoredAlert alert, ActorNames.Names names, ZoneId zone) {
        AlertStore.StoredAlert root = alert.alert().refersTo().flatMap(id -> alerts.find(network, id)).orElse(alert);
        Set<Subject> subjects = new LinkedHashSet<>();
        subjects.add(new Subject("alert:" + root.alert().id().value(), "alert", root.alert().code().display()));
        alerts.followUpsOf(root.alert().id()).forEach(f -> subjects.add(new Subject(
                "alert:" + f.alert().id().value(), "alert", f.alert().code().display())));
        return entries(network, subjects, names, zone);
    }

    private record Subject(String subject, String kind, String code) {
    }

    private List<Entry> entries(NetworkId network, Set<Subject> subjects, ActorNames.Names names, ZoneId zone) {
        List<Entry> entries = new ArrayList<>();
        List<ReportId> reportIds = subjects.stream().filter(s -> s.kind().equals("report"))
                .map(s -> new ReportId(UUID.fromString(s.subject().substring("report:".length())))).toList();
        Map<UUID, VerificationNotes.Note> written = notes.of(network, reportIds);
        for (Subject subject : subjects) {
            for (AuditEntry entry : audit.forSubject(subject.subject())) {
                if (!network.value().equals(entry.networkId())) {
                    continue;
                }
                entries.add(new Entry(entry.seq(), entry.at().atZone(zone), names.actor(entry.actor()),
                        entry.action(), subject.kind(), subject.code(), outcomeKey(entry.details()),
                        recipients(entry.details()), note(entry, written)));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::seq));
        return entries;
    }

    private static String outcomeKey(String details) {
        Matcher outcome = OUTCOME.matcher(details);
        if (outcome.find()) {
            return "report.status." + outcome.group(1);
        }
        Matcher kind = KIND.matcher(details);
        return kind.find() ? "alert.kind." + kind.group(1) : null;
    }

    private static VerificationNotes.Note note(AuditEntry entry, Map<UUID, VerificationNotes.Note> written) {
        if (entry.action() != AuditAction.REPORT_NOTED) {
            return null;
        }
        Matcher m = NOTE.matcher(entry.details());
        return m.find() ? written.get(UUID.fromString(m.group(1))) : null;
    }

    private static Integer recipients(String details) {
        Matcher m = RECIPIENTS.matcher(details);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
