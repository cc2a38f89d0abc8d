package org.aviso.gateway.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.ReportId;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a report was verified, in the words of the dispatcher who checked it: what was seen, how (one of a few
 * ways), and by whom. Any dispatcher of the network may add a note to any of its reports, claimed or not: a
 * verifier on site often is not the dispatcher holding the claim. What was seen and by whom are encrypted at rest
 * like report text; the audit log records that a note was added (its id and how), never its words. Notes are
 * deleted with their report at retention.
 */
@Service
public class VerificationNotes {

    static final FieldRef SEEN = FieldRef.of("verification_note", "seen_ct");
    static final FieldRef BY_WHOM = FieldRef.of("verification_note", "by_whom_ct");
    public static final int SEEN_MAX = 2000;
    public static final int BY_WHOM_MAX = 200;

    /** How the report was checked. */
    public enum Method { SEEN_IN_PERSON, CALLED_THE_REPORTER, PHOTO_OR_VIDEO, TRUSTED_SOURCE, OTHER }

    /** One note; {@code author} is the audit actor, turned into a name at display time. */
    public record Note(UUID id, ReportId report, String author, Method how, String seen, String byWhom, Instant at) {

        @Override
        public String toString() {
            return "Note[" + id + ", " + how + ", " + at + ", words hidden]";
        }
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final ReportStore reports;
    private final AuditLog audit;
    private final ReportEvents events;
    private final Clock clock;

    VerificationNotes(JdbcClient jdbc, FieldCipher cipher, ReportStore reports, AuditLog audit, ReportEvents events,
            Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.reports = reports;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds a note to a report of the dispatcher's network. The caller has checked the words (not blank, not too
     * long); this refuses anyone who is not a signed-in dispatcher, and a report of another network.
     */
    @Transactional
    public Note add(AvisoPrincipal dispatcher, ReportId report, Method how, String seen, String byWhom) {
        if (dispatcher == null || !dispatcher.isDispatcher() || dispatcher.kind() != AvisoPrincipal.Kind.USER) {
            throw new AccessDeniedException("Dispatchers only");
        }
        if (seen == null || seen.isBlank() || seen.length() > SEEN_MAX || byWhom == null || byWhom.isBlank()
                || byWhom.length() > BY_WHOM_MAX) {
            throw new IllegalArgumentException("a verification note needs what was seen and by whom");
        }
        NetworkId network = new NetworkId(dispatcher.networkId());
        reports.find(network, report).orElseThrow(NotInNetworkException::new);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into verification_note (id, network_id, report_id, author, method, seen_ct, by_whom_ct,
                                                       created_at)
                        values (:id, :network, :report, :author, :method, :seen, :byWhom, :at)
                        """)
                .param("id", id).param("network", network.value()).param("report", report.value())
                .param("author", dispatcher.actor()).param("method", how.name())
                .param("seen", cipher.encrypt(network.value(), SEEN, id, seen.strip()))
                .param("byWhom", cipher.encrypt(network.value(), BY_WHOM, id, byWhom.strip()))
                .param("at", Timestamp.from(now))
                .update();
        audit.record(network.value(), dispatcher.actor(), AuditAction.REPORT_NOTED, "report:" + report.value(),
                "note=" + id + " how=" + how);
        events.changed(network);
        return new Note(id, report, dispatcher.actor(), how, seen.strip(), byWhom.strip(), now);
    }

    /** The notes of these reports of one network, oldest first, by note id. */
    @Transactional(readOnly = true)
    public Map<UUID, Note> of(NetworkId network, Collection<ReportId> of) {
        Map<UUID, Note> notes = new LinkedHashMap<>();
        if (of.isEmpty()) {
            return notes;
        }
        jdbc.sql("""
                        select id, report_id, author, method, seen_ct, by_whom_ct, created_at from verification_note
                         where network_id = :network and report_id in (:reports) order by created_at, id
                        """)
                .param("network", network.value()).param("reports", of.stream().map(ReportId::value).toList())
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Note(id, new ReportId(rs.getObject("report_id", UUID.class)), rs.getString("author"),
                            Method.valueOf(rs.getString("method")), cipher.decrypt(SEEN, id, rs.getBytes("seen_ct")),
                            cipher.decrypt(BY_WHOM, id, rs.getBytes("by_whom_ct")),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list().forEach(note -> notes.put(note.id(), note));
        return notes;
    }

    public List<Note> of(NetworkId network, ReportId report) {
        return List.copyOf(of(network, List.of(report)).values());
    }

    public Optional<Note> find(NetworkId network, ReportId report, UUID id) {
        return Optional.ofNullable(of(network, List.of(report)).get(id));
    }
}
