package org.aviso.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.ShortCode;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Site contacts' phones. An administrator creates a one-time enrollment code for a person and site; the person
 * opens the enrollment page (the code travels in the link's fragment, which browsers never send to a server,
 * or is typed) and gets a long-lived random credential in a cookie, so in an emergency the report form opens
 * with nothing to type. Only hashes of codes and credentials are stored; administrators can revoke a device.
 */
@Service
public class Devices {

    private static final Duration LAST_SEEN_GRANULARITY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SecurityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Devices(JdbcClient jdbc, AuditLog audit, SecurityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new enrollment: the code is shown to the administrator once. */
    public record Enrollment(UUID id, ShortCode code, Instant expiresAt) {

        @Override
        public String toString() {
            return "Enrollment[" + id + "]";
        }
    }

    @Transactional
    public Enrollment createEnrollment(AvisoPrincipal administrator, UUID personId, UUID siteId) {
        requireAdministrator(administrator);
        Integer inNetwork = jdbc.sql("""
                        select count(*) from person p join site s on s.id = :site
                         where p.id = :person and p.network_id = :network and s.network_id = :network
                        """)
                .param("person", personId).param("site", siteId).param("network", administrator.networkId())
                .query(Integer.class).single();
        if (inNetwork == 0) {
            throw new NotInNetworkException();
        }
        ShortCode code = ShortCode.generate(random);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(properties.enrollmentValidity());
        jdbc.sql("""
                        insert into device_enrollment (id, network_id, person_id, site_id, code_hash, created_by, created_at, expires_at)
                        values (:id, :network, :person, :site, :hash, :by, :now, :expires)
                        """)
                .param("id", id).param("network", administrator.networkId()).param("person", personId)
                .param("site", siteId).param("hash", sha256(code.value())).param("by", administrator.id())
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expires))
                .update();
        audit.record(administrator.networkId(), administrator.actor(), AuditAction.DEVICE_ENROLLMENT_CREATED,
                "person:" + personId, "site=" + siteId);
        return new Enrollment(id, code, expires);
    }

    /** The credential to put in the phone's cookie, returned once. */
    public record EnrolledDevice(UUID deviceId, String credential) {

        @Override
        public String toString() {
            return "EnrolledDevice[" + deviceId + "]";
        }
    }

    /** Redeems a code; an unknown, used or expired code gives nothing (and the caller says so, without detail). */
    @Transactional
    public Optional<EnrolledDevice> enroll(String typedCode, String description) {
        Optional<ShortCode> code = parse(typedCode);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Pending(UUID id, UUID networkId, UUID personId, UUID siteId) {
        }
        Optional<Pending> pending = jdbc.sql("""
                        update device_enrollment set used_at = :now
                         where code_hash = :hash and used_at is null and expires_at > :now
                        returning id, network_id, person_id, site_id
                        """)
                .param("now", Timestamp.from(now)).param("hash", sha256(code.get().value()))
                .query(Pending.class).optional();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String credential = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID deviceId = UUID.randomUUID();
        Pending p = pending.get();
        jdbc.sql("""
                        insert into device (id, version, network_id, person_id, site_id, credential_hash, description, enrolled_at, last_seen_at)
                        values (:id, 1, :network, :person, :site, :hash, :description, :now, :now)
                        """)
                .param("id", deviceId).param("network", p.networkId()).param("person", p.personId())
                .param("site", p.siteId()).param("hash", sha256(credential))
                .param("description", description == null ? "" : description)
                .param("now", Timestamp.from(now))
                .update();
        audit.record(p.networkId(), "device:" + deviceId, AuditAction.DEVICE_ENROLLED, "person:" + p.personId(),
                "enrollment=" + p.id());
        return Optional.of(new EnrolledDevice(deviceId, credential));
    }

    /** The principal for a credential cookie, if the device is enrolled and not revoked. */
    public Optional<AvisoPrincipal> authenticate(String credential) {
        if (credential == null || credential.length() < 20 || credential.length() > 100) {
            return Optional.empty();
        }
        record Row(UUID id, UUID networkId, UUID personId, UUID siteId, Timestamp lastSeenAt) {
        }
        Optional<Row> row = jdbc.sql("""
                        select id, network_id, person_id, site_id, last_seen_at from device
                         where credential_hash = :hash and revoked_at is null
                        """)
                .param("hash", sha256(credential)).query(Row.class).optional();
        row.ifPresent(r -> {
            Instant now = clock.instant();
            if (r.lastSeenAt() == null || r.lastSeenAt().toInstant().plus(LAST_SEEN_GRANULARITY).isBefore(now)) {
                jdbc.sql("update device set last_seen_at = :now where id = :id")
                        .param("now", Timestamp.from(now)).param("id", r.id()).update();
            }
        });
        return row.map(r -> new AvisoPrincipal(AvisoPrincipal.Kind.DEVICE, r.id(), r.networkId(),
                AvisoRole.SITE_CONTACT, r.personId(), r.siteId()));
    }

    public record DeviceSummary(UUID id, UUID personId, UUID siteId, String description, Instant enrolledAt,
            Instant lastSeenAt, Instant revokedAt) {
    }

    public List<DeviceSummary> list(UUID networkId) {
        return jdbc.sql("""
                        select id, person_id, site_id, description, enrolled_at, last_seen_at, revoked_at
                          from device where network_id = :network order by enrolled_at desc
                        """)
                .param("network", networkId)
                .query((rs, n) -> new DeviceSummary(rs.getObject("id", UUID.class),
                        rs.getObject("person_id", UUID.class), rs.getObject("site_id", UUID.class),
                        rs.getString("description"), instant(rs.getTimestamp("enrolled_at")),
                        instant(rs.getTimestamp("last_seen_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    @Transactional
    public void revoke(AvisoPrincipal administrator, UUID deviceId) {
        requireAdministrator(administrator);
        int updated = jdbc.sql("""
                        update device set revoked_at = :now, revoked_by = :by, version = version + 1
                         where id = :id and network_id = :network and revoked_at is null
                        """)
                .param("now", Timestamp.from(clock.instant())).param("by", administrator.id())
                .param("id", deviceId).param("network", administrator.networkId())
                .update();
        if (updated == 0) {
            throw new NotInNetworkException();
        }
        audit.record(administrator.networkId(), administrator.actor(), AuditAction.DEVICE_REVOKED,
                "device:" + deviceId, "");
    }

    private static void requireAdministrator(AvisoPrincipal principal) {
        if (principal == null || !principal.isAdministrator()) {
            throw new org.springframework.security.access.AccessDeniedException("Administrators only");
        }
    }

    private static Optional<ShortCode> parse(String typed) {
        try {
            return typed == null ? Optional.empty() : Optional.of(ShortCode.parse(typed));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
