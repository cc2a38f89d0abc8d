package org.aviso.gateway.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.Claim;
import org.aviso.core.report.Incident;
import org.aviso.core.report.IncidentClosure;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.ReporterTrust;
import org.aviso.core.report.Resolution;
import org.aviso.core.report.Salute;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reports (free text encrypted), their photos (encrypted) and incidents. */
@Repository
public class ReportStore {

    static final FieldRef TEXT = FieldRef.of("report", "text_ct");
    static final FieldRef PHOTO = FieldRef.of("report_photo", "photo_ct");

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    public ReportStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A report with what the gateway adds: its row version (optimistic locking) and who reported it. */
    public record StoredReport(Report report, int version, Optional<UUID> reporterPerson, boolean hasPhoto) {
    }

    public void insert(Report report, Optional<UUID> reporterPerson, Optional<UUID> device) {
        UUID id = report.id().value();
        Salute s = report.salute();
        jdbc.sql("""
                        insert into report (id, version, network_id, site_id, incident_id, code, size, activity, location_hint,
                                            agency, observed_time, equipment, text_ct, trust, reporter_person_id,
                                            reporter_device_id, received_at, status)
                        values (:id, 1, :network, :site, :incident, :code, :size, :activity, :location, :agency, :time,
                                :equipment, :text, :trust, :person, :device, :received, :status)
                        """)
                .param("id", id)
                .param("network", report.network().value())
                .param("site", report.site().value())
                .param("incident", report.incident().value())
                .param("code", report.code().value())
                .param("size", s.size().name())
                .param("activity", s.activity().name())
                .param("location", s.location().name())
                .param("agency", s.agency().name())
                .param("time", s.time().name())
                .param("equipment", s.equipment().name())
                .param("text", report.text().isEmpty() ? null
                        : cipher.encrypt(report.network().value(), TEXT, id, report.text()))
                .param("trust", report.trust().name())
                .param("person", reporterPerson.orElse(null))
                .param("device", device.orElse(null))
                .param("received", Timestamp.from(report.receivedAt()))
                .param("status", report.status().name())
                .update();
    }

    /** Writes a transition; fails if someone else changed the report since it was read. */
    public void update(Report report, int expectedVersion) {
        int updated = jdbc.sql("""
                        update report set version = version + 1, status = :status, claimed_by = :claimedBy,
                               claimed_at = :claimedAt, resolved_by = :resolvedBy, resolved_at = :resolvedAt
                         where id = :id and version = :version
                        """)
                .param("status", report.status().name())
                .param("claimedBy", report.claim().map(c -> c.by().value()).orElse(null))
                .param("claimedAt", report.claim().map(c -> Timestamp.from(c.at())).orElse(null))
                .param("resolvedBy", report.resolution().map(r -> r.by().value()).orElse(null))
                .param("resolvedAt", report.resolution().map(r -> Timestamp.from(r.at())).orElse(null))
                .param("id", report.id().value())
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("The report changed meanwhile");
        }
    }

    public Optional<StoredReport> find(NetworkId network, ReportId id) {
        return jdbc.sql("select r.*, exists (select 1 from report_photo p where p.report_id = r.id) as has_photo "
                        + "from report r where r.network_id = :network and r.id = :id")
                .param("network", network.value()).param("id", id.value())
                .query((rs, n) -> map(rs)).optional();
    }

    public Optional<StoredReport> findByCode(NetworkId network, ShortCode code) {
        return jdbc.sql("select r.*, exists (select 1 from report_photo p where p.report_id = r.id) as has_photo "
                        + "from report r where r.network_id = :network and r.code = :code")
                .param("network", network.value()).param("code", code.value())
                .query((rs, n) -> map(rs)).optional();
    }

    /** The newest reports of a network, for the console queue. */
    public List<StoredReport> recent(NetworkId network, int limit) {
        return jdbc.sql("select r.*, exists (select 1 from report_photo p where p.report_id = r.id) as has_photo "
                        + "from report r where r.network_id = :network order by r.received_at desc limit :limit")
                .param("network", network.value()).param("limit", limit)
                .query((rs, n) -> map(rs)).list();
    }

    private StoredReport map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Salute salute = new Salute(Salute.Size.valueOf(rs.getString("size")),
                Salute.Activity.valueOf(rs.getString("activity")),
                Salute.LocationHint.valueOf(rs.getString("location_hint")),
                Salute.Agency.valueOf(rs.getString("agency")),
                Salute.ObservedTime.valueOf(rs.getString("observed_time")),
                Salute.Equipment.valueOf(rs.getString("equipment")));
        String text = cipher.decrypt(TEXT, id, rs.getBytes("text_ct"));
        ReportStatus status = ReportStatus.valueOf(rs.getString("status"));
        UUID claimedBy = rs.getObject("claimed_by", UUID.class);
        Optional<Claim> claim = claimedBy == null ? Optional.empty()
                : Optional.of(new Claim(new PersonId(claimedBy), rs.getTimestamp("claimed_at").toInstant()));
        UUID resolvedBy = rs.getObject("resolved_by", UUID.class);
        Optional<Resolution> resolution = resolvedBy == null ? Optional.empty()
                : Optional.of(new Resolution(status, new PersonId(resolvedBy), rs.getTimestamp("resolved_at").toInstant()));
        Report report = new Report(new ReportId(id), new NetworkId(rs.getObject("network_id", UUID.class)),
                new SiteId(rs.getObject("site_id", UUID.class)), new IncidentId(rs.getObject("incident_id", UUID.class)),
                salute, text == null ? "" : text, ReporterTrust.valueOf(rs.getString("trust")),
                rs.getTimestamp("received_at").toInstant(), status, claim, resolution,
                ShortCode.parse(rs.getString("code")));
        return new StoredReport(report, rs.getInt("version"),
                Optional.ofNullable(rs.getObject("reporter_person_id", UUID.class)), rs.getBoolean("has_photo"));
    }

    // ---- incidents

    public List<Incident> openIncidents(SiteId site, Instant now) {
        return jdbc.sql("select * from incident where site_id = :site and expires_at > :now order by opened_at")
                .param("site", site.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> new Incident(new IncidentId(rs.getObject("id", UUID.class)),
                        new NetworkId(rs.getObject("network_id", UUID.class)),
                        new SiteId(rs.getObject("site_id", UUID.class)), rs.getTimestamp("opened_at").toInstant(),
                        rs.getTimestamp("last_report_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /**
     * A report joined {@code incident}: extends it. A plain update, never moving a time back, because reports about
     * one school commit in any order; its row lock does not wait for the key-share locks other reports' inserts take
     * on the incident (an upsert's would).
     */
    public void extendIncident(Incident incident) {
        jdbc.sql("""
                        update incident set version = version + 1,
                            last_report_at = greatest(last_report_at, :last), expires_at = greatest(expires_at, :expires)
                         where id = :id
                        """)
                .param("id", incident.id().value())
                .param("last", Timestamp.from(incident.lastReportAt()))
                .param("expires", Timestamp.from(incident.expiresAt()))
                .update();
    }

    public void saveIncident(Incident incident) {
        jdbc.sql("""
                        insert into incident (id, version, network_id, site_id, opened_at, last_report_at, expires_at)
                        values (:id, 1, :network, :site, :opened, :last, :expires)
                        on conflict (id) do update set version = incident.version + 1,
                            last_report_at = excluded.last_report_at, expires_at = excluded.expires_at
                        """)
                .param("id", incident.id().value())
                .param("network", incident.network().value())
                .param("site", incident.site().value())
                .param("opened", Timestamp.from(incident.openedAt()))
                .param("last", Timestamp.from(incident.lastReportAt()))
                .param("expires", Timestamp.from(incident.expiresAt()))
                .update();
    }

    /** The ends of the site's incidents that have not expired yet, so a report never joins an ended one. */
    public List<IncidentClosure> closures(SiteId site, Instant now) {
        return jdbc.sql("""
                        select id, closed_reason, closed_at from incident
                         where site_id = :site and expires_at > :now and closed_at is not null
                        """)
                .param("site", site.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> closure(rs)).list();
    }

    private static IncidentClosure closure(ResultSet rs) throws SQLException {
        return new IncidentClosure(new IncidentId(rs.getObject("id", UUID.class)),
                IncidentClosure.Reason.valueOf(rs.getString("closed_reason")), rs.getTimestamp("closed_at").toInstant());
    }

    /** A new incident opened after {@code after} ended: the console says so. */
    public void markAfter(IncidentId incident, IncidentId after) {
        jdbc.sql("update incident set after_incident_id = :after where id = :id")
                .param("after", after.value()).param("id", incident.value()).update();
    }

    /** Ends the incident unless it has ended already; true when this call ended it. */
    public boolean closeIncident(IncidentClosure closure, Optional<UUID> byAlert) {
        return jdbc.sql("""
                        update incident set closed_at = :at, closed_reason = :reason, closed_by_alert = :alert,
                               version = version + 1
                         where id = :id and closed_at is null
                        """)
                .param("at", Timestamp.from(closure.at())).param("reason", closure.reason().name())
                .param("alert", byAlert.orElse(null)).param("id", closure.incident().value())
                .update() == 1;
    }

    /** The incident's reports, locked for the caller's transaction (the incident is closing). */
    public List<StoredReport> reportsOfLocked(NetworkId network, IncidentId incident) {
        return jdbc.sql("select r.*, exists (select 1 from report_photo p where p.report_id = r.id) as has_photo "
                        + "from report r where r.network_id = :network and r.incident_id = :incident "
                        + "order by r.received_at for update of r")
                .param("network", network.value()).param("incident", incident.value())
                .query((rs, n) -> map(rs)).list();
    }

    /**
     * What the console says about an incident: how it ended, and which ended incident it came after.
     *
     * @param closure its own end, if it ended
     * @param after   the end of the incident at the same site it came after, if any
     */
    public record IncidentState(Optional<IncidentClosure> closure, Optional<IncidentClosure> after) {
    }

    public Map<IncidentId, IncidentState> incidentStates(Collection<IncidentId> incidents) {
        Map<IncidentId, IncidentState> states = new java.util.HashMap<>();
        if (incidents.isEmpty()) {
            return states;
        }
        jdbc.sql("""
                        select i.id, i.closed_reason, i.closed_at, a.id as after_id, a.closed_reason as after_reason,
                               a.closed_at as after_at
                          from incident i left join incident a on a.id = i.after_incident_id
                         where i.id = any(:ids)
                        """)
                .param("ids", incidents.stream().map(IncidentId::value).toArray(UUID[]::new))
                .query(rs -> {
                    IncidentId id = new IncidentId(rs.getObject("id", UUID.class));
                    Optional<IncidentClosure> own = rs.getString("closed_reason") == null ? Optional.empty()
                            : Optional.of(closure(rs));
                    Optional<IncidentClosure> after = rs.getString("after_reason") == null ? Optional.empty()
                            : Optional.of(new IncidentClosure(new IncidentId(rs.getObject("after_id", UUID.class)),
                                    IncidentClosure.Reason.valueOf(rs.getString("after_reason")),
                                    rs.getTimestamp("after_at").toInstant()));
                    states.put(id, new IncidentState(own, after));
                });
        return states;
    }

    /** The reports among {@code reports} whose current claim was flagged as idle. */
    public java.util.Set<ReportId> idleClaims(Collection<ReportId> reports) {
        if (reports.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                        select id from report where id = any(:ids) and status = 'CLAIMED'
                           and idle_flagged_at is not null and idle_flagged_at >= claimed_at
                        """)
                .param("ids", reports.stream().map(ReportId::value).toArray(UUID[]::new))
                .query((rs, n) -> new ReportId(rs.getObject(1, UUID.class))).list());
    }

    /** Flags the report's current claim as idle, once per claim; true when this call flagged it. */
    public boolean flagIdleClaim(ReportId report, Instant claimedAt, Instant now) {
        return jdbc.sql("""
                        update report set idle_flagged_at = :now
                         where id = :id and status = 'CLAIMED' and claimed_at = :claimedAt
                           and (idle_flagged_at is null or idle_flagged_at < claimed_at)
                        """)
                .param("now", Timestamp.from(now)).param("id", report.value())
                .param("claimedAt", Timestamp.from(claimedAt)).update() == 1;
    }

    public void markByMessage(ReportId report) {
        jdbc.sql("update report set by_message = true where id = :id").param("id", report.value()).update();
    }

    /** The reports among {@code reports} that arrived as a Signal or SMS message. */
    public java.util.Set<ReportId> byMessage(Collection<ReportId> reports) {
        if (reports.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select id from report where id = any(:ids) and by_message")
                .param("ids", reports.stream().map(ReportId::value).toArray(UUID[]::new))
                .query((rs, n) -> new ReportId(rs.getObject(1, UUID.class))).list());
    }

    // ---- photos

    public void insertPhoto(ReportId report, NetworkId network, String contentType, byte[] sanitized, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into report_photo (id, report_id, network_id, content_type, photo_ct, created_at)
                        values (:id, :report, :network, :type, :photo, :at)
                        """)
                .param("id", id).param("report", report.value()).param("network", network.value())
                .param("type", contentType)
                .param("photo", cipher.encryptBytes(network.value(), PHOTO, id, sanitized))
                .param("at", Timestamp.from(at))
                .update();
    }

    public record Photo(String contentType, byte[] bytes) {
    }

    public Optional<Photo> photo(NetworkId network, ReportId report) {
        return photo(network, report, 0);
    }

    /** The report's {@code index}-th photo (from 0, in the order they were received). */
    public Optional<Photo> photo(NetworkId network, ReportId report, int index) {
        if (index < 0) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id, content_type, photo_ct from report_photo
                         where report_id = :report and network_id = :network
                         order by created_at, id offset :index limit 1
                        """)
                .param("report", report.value()).param("network", network.value()).param("index", index)
                .query((rs, n) -> new Photo(rs.getString("content_type"), cipher.decryptBytes(PHOTO,
                        rs.getObject("id", UUID.class), rs.getBytes("photo_ct"))))
                .optional();
    }

    /** How many photos a report has (a form report at most one; a report by Signal message up to four). */
    public int photoCount(NetworkId network, ReportId report) {
        return jdbc.sql("select count(*) from report_photo where report_id = :report and network_id = :network")
                .param("report", report.value()).param("network", network.value()).query(Integer.class).single();
    }

    // ---- messages to the reporter, one per step of the report

    /**
     * Takes the one message to the reporter for {@code step}: false when a dispatcher already sent it (the row
     * exists; a concurrent second attempt waits on the first's transaction and then finds it).
     */
    public boolean takeCallback(ReportId report, String step, UUID sentBy, Instant at) {
        return jdbc.sql("""
                        insert into reporter_callback (report_id, step, sent_by, sent_at)
                        values (:report, :step, :by, :at) on conflict do nothing
                        """)
                .param("report", report.value()).param("step", step).param("by", sentBy)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    public void callbackMessage(ReportId report, String step, UUID message) {
        jdbc.sql("update reporter_callback set message_id = :message where report_id = :report and step = :step")
                .param("message", message).param("report", report.value()).param("step", step).update();
    }

    /** A message sent to a report's author: at which step, by whom, when. */
    public record Callback(String step, UUID sentBy, Instant at, Optional<UUID> message) {
    }

    public List<Callback> callbacks(ReportId report) {
        return jdbc.sql("select step, sent_by, sent_at, message_id from reporter_callback where report_id = :report "
                        + "order by sent_at, step")
                .param("report", report.value())
                .query((rs, n) -> new Callback(rs.getString("step"), rs.getObject("sent_by", UUID.class),
                        rs.getTimestamp("sent_at").toInstant(),
                        Optional.ofNullable(rs.getObject("message_id", UUID.class))))
                .list();
    }
}
