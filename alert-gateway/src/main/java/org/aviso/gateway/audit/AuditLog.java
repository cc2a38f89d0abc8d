package org.aviso.gateway.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only, hash-chained record of who claimed, verified, approved and sent what, and when. Each entry
 * holds the SHA-256 of the one before it; the database refuses UPDATE and DELETE; {@link #verifyChain()}
 * recomputes the chain and names the first broken link.
 *
 * <p>Entries are appended in the caller's transaction, so an action and its audit entry commit together (or neither
 * does).
 */
@Component
public class AuditLog {

    static final byte[] GENESIS = new byte[32];
    private static final long CHAIN_LOCK = 0x41564953_4f415544L; // "AVISOAUD": serialises appends
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d ()-]{6,}\\d");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records an entry in the caller's transaction. It is appended to the chain just before that transaction
     * commits, with every other entry the transaction recorded: the chain is serialised by a lock held from the
     * append to the commit, so taking it at the end keeps that stretch short (the rest of the transaction, however
     * long, runs alongside other transactions) and the chain's order is the order of commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID networkId, String actor, AuditAction action, String subject, String details) {
        String withoutIds = UUID_TEXT.matcher(actor + " " + subject + " " + details).replaceAll("id");
        if (PHONE_LIKE.matcher(withoutIds).find()) {
            // a programming error: audit entries are kept beyond retention, so they must hold no contact data
            throw new IllegalArgumentException("Audit entries must not carry phone numbers");
        }
        Pending entry = new Pending(networkId, actor, action, subject, details);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            append(List.of(entry));
            return;
        }
        AppendBeforeCommit appender = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(AppendBeforeCommit.class::isInstance).map(AppendBeforeCommit.class::cast).findFirst()
                .orElseGet(() -> {
                    AppendBeforeCommit created = new AppendBeforeCommit();
                    TransactionSynchronizationManager.registerSynchronization(created);
                    return created;
                });
        appender.entries.add(entry);
    }

    private record Pending(UUID networkId, String actor, AuditAction action, String subject, String details) {
    }

    /** The entries one transaction recorded, appended when it is about to commit. */
    private final class AppendBeforeCommit implements TransactionSynchronization {

        final List<Pending> entries = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            append(entries);
        }
    }

    private void append(List<Pending> entries) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Object.class).single();
        record Last(long seq, byte[] hash) {
        }
        Optional<Last> last = jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1")
                .query(Last.class).optional();
        long seq = last.map(Last::seq).orElse(0L);
        byte[] prev = last.map(Last::hash).orElse(GENESIS);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (Pending entry : entries) {
            seq++;
            byte[] hash = hash(prev, seq, entry.networkId(), at, entry.actor(), entry.action().name(), entry.subject(),
                    entry.details());
            jdbc.sql("""
                            insert into audit_entry (seq, network_id, at, actor, action, subject, details, prev_hash, hash)
                            values (:seq, :network, :at, :actor, :action, :subject, :details, :prev, :hash)
                            """)
                    .param("seq", seq)
                    .param("network", entry.networkId())
                    .param("at", Timestamp.from(at))
                    .param("actor", entry.actor())
                    .param("action", entry.action().name())
                    .param("subject", entry.subject())
                    .param("details", entry.details())
                    .param("prev", prev)
                    .param("hash", hash)
                    .update();
            prev = hash;
        }
    }

    public List<AuditEntry> forSubject(String subject) {
        return jdbc.sql("select * from audit_entry where subject = :subject order by seq")
                .param("subject", subject)
                .query(AuditLog::map)
                .list();
    }

    public List<AuditEntry> recent(UUID networkId, int limit) {
        return jdbc.sql("select * from audit_entry where network_id = :network order by seq desc limit :limit")
                .param("network", networkId)
                .param("limit", limit)
                .query(AuditLog::map)
                .list();
    }

    /** Recomputes every link from the first entry on. */
    @Transactional(readOnly = true)
    public ChainCheck verifyChain() {
        byte[][] expectedPrev = {GENESIS};
        long[] count = {0};
        long[] expectedSeq = {1};
        ChainCheck[] broken = {null};
        jdbc.sql("select * from audit_entry order by seq").query(rs -> {
            if (broken[0] != null) {
                return;
            }
            AuditEntry entry = map(rs, 0);
            count[0]++;
            if (entry.seq() != expectedSeq[0]) {
                broken[0] = ChainCheck.broken(count[0] - 1, expectedSeq[0], "entry " + expectedSeq[0] + " is missing");
                return;
            }
            if (!MessageDigest.isEqual(entry.prevHash(), expectedPrev[0])) {
                broken[0] = ChainCheck.broken(count[0] - 1, entry.seq(), "it does not point at the entry before it");
                return;
            }
            byte[] recomputed = hash(entry.prevHash(), entry.seq(), entry.networkId(), entry.at(), entry.actor(),
                    entry.action().name(), entry.subject(), entry.details());
            if (!MessageDigest.isEqual(recomputed, entry.hash())) {
                broken[0] = ChainCheck.broken(count[0] - 1, entry.seq(), "its content does not match its hash");
                return;
            }
            expectedPrev[0] = entry.hash();
            expectedSeq[0]++;
        });
        return broken[0] != null ? broken[0] : ChainCheck.intact(count[0]);
    }

    private static AuditEntry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("network_id", UUID.class),
                rs.getTimestamp("at").toInstant(), rs.getString("actor"), AuditAction.valueOf(rs.getString("action")),
                rs.getString("subject"), rs.getString("details"), rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }

    static byte[] hash(byte[] prev, long seq, UUID network, Instant at, String actor, String action, String subject,
            String details) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        canonical.writeBytes(prev);
        canonical.writeBytes(ByteBuffer.allocate(8).putLong(seq).array());
        for (String field : new String[] {network == null ? "" : network.toString(),
                at.truncatedTo(ChronoUnit.MICROS).toString(), actor, action, subject, details}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            canonical.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            canonical.writeBytes(bytes);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Result of recomputing the chain. */
    public record ChainCheck(boolean intact, long entriesChecked, Long firstBrokenSeq, String reason) {

        static ChainCheck intact(long entries) {
            return new ChainCheck(true, entries, null, null);
        }

        static ChainCheck broken(long checkedBefore, long seq, String reason) {
            return new ChainCheck(false, checkedBefore, seq, reason);
        }

        public String describe() {
            return intact ? "Audit chain intact: " + entriesChecked + " entries checked."
                    : "Audit chain BROKEN at entry " + firstBrokenSeq + ": " + reason + ".";
        }
    }
}
