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
    private final AuditCheckpoints checkpoints;

    public AuditLog(JdbcClient jdbc, Clock clock, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.checkpoints = checkpoints;
    }

    /** Serialises appends (and checkpoints) until the transaction ends. */
    static void lockChain(JdbcClient jdbc) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Object.class).single();
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
        lockChain(jdbc);
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
        if (entries.stream().anyMatch(e -> AuditCheckpoints.ADMINISTRATIVE.contains(e.action()))) {
            // in the same transaction: an administrator's change and the checkpoint after it commit together
            checkpoints.write(seq, prev, AuditCheckpoints.Reason.ADMINISTRATOR_ACTION);
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

    /**
     * A network's entries, newest first, narrowed by any of: the action, the actor ({@code user:<id>}, ...), and a
     * time range [from, to).
     */
    public List<AuditEntry> search(UUID networkId, AuditAction action, String actor, Instant from, Instant to,
            int limit) {
        return jdbc.sql("""
                        select * from audit_entry
                         where network_id = :network
                           and (cast(:action as text) is null or action = cast(:action as text))
                           and (cast(:actor as text) is null or actor = cast(:actor as text))
                           and (cast(:from as timestamptz) is null or at >= cast(:from as timestamptz))
                           and (cast(:to as timestamptz) is null or at < cast(:to as timestamptz))
                         order by seq desc limit :limit
                        """)
                .param("network", networkId)
                .param("action", action == null ? null : action.name())
                .param("actor", actor)
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to))
                .param("limit", limit)
                .query(AuditLog::map)
                .list();
    }

    /**
     * Recomputes every link from the first entry on, then holds the log against every signed checkpoint (in the
     * table and in the operator's file): the log must reach the last one, and have the checkpointed hash there.
     */
    @Transactional(readOnly = true)
    public ChainCheck verifyChain() {
        List<AuditCheckpoints.Checkpoint> marks = checkpoints.all();
        java.util.Map<Long, byte[]> hashesAtMarks = new java.util.HashMap<>();
        marks.forEach(mark -> hashesAtMarks.put(mark.seq(), null));
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
                broken[0] = ChainCheck.broken(Problem.MISSING, count[0] - 1, expectedSeq[0],
                        "entry " + expectedSeq[0] + " is missing");
                return;
            }
            if (!MessageDigest.isEqual(entry.prevHash(), expectedPrev[0])) {
                broken[0] = ChainCheck.broken(Problem.UNLINKED, count[0] - 1, entry.seq(),
                        "it does not point at the entry before it");
                return;
            }
            byte[] recomputed = hash(entry.prevHash(), entry.seq(), entry.networkId(), entry.at(), entry.actor(),
                    entry.action().name(), entry.subject(), entry.details());
            if (!MessageDigest.isEqual(recomputed, entry.hash())) {
                broken[0] = ChainCheck.broken(Problem.ALTERED, count[0] - 1, entry.seq(),
                        "its content does not match its hash");
                return;
            }
            if (hashesAtMarks.containsKey(entry.seq())) {
                hashesAtMarks.put(entry.seq(), entry.hash());
            }
            expectedPrev[0] = entry.hash();
            expectedSeq[0]++;
        });
        if (broken[0] != null) {
            return broken[0];
        }
        long last = expectedSeq[0] - 1;
        AuditCheckpoints.Checkpoint latest = null;
        for (AuditCheckpoints.Checkpoint mark : marks) {
            if (!checkpoints.genuine(mark)) {
                return ChainCheck.broken(Problem.FORGED_CHECKPOINT, count[0], mark.seq() == Long.MAX_VALUE ? last : mark.seq(),
                        "a checkpoint in the " + mark.source() + " is not signed by this installation (forged or altered)");
            }
            latest = mark;
        }
        if (latest != null && latest.seq() > last) {
            ChainCheck gap = ChainCheck.broken(Problem.TRUNCATED, count[0], last + 1, "the log ends at entry " + last
                    + " but a checkpoint signed at " + latest.at() + " covers entry " + latest.seq() + ": entries "
                    + (last + 1) + " to " + latest.seq() + " are missing");
            return gap.withCheckpoint(latest.seq(), latest.at());
        }
        for (AuditCheckpoints.Checkpoint mark : marks) {
            if (!MessageDigest.isEqual(mark.hash(), hashesAtMarks.get(mark.seq()))) {
                return ChainCheck.broken(Problem.CHECKPOINT_MISMATCH, count[0], mark.seq(),
                        "it is not the entry its checkpoint signed at " + mark.at() + " (the log was rewritten)");
            }
        }
        ChainCheck intact = ChainCheck.intact(count[0]);
        return latest == null ? intact : intact.withCheckpoint(latest.seq(), latest.at());
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

    /** What is wrong with a chain that is not intact. */
    public enum Problem {
        MISSING, UNLINKED, ALTERED, TRUNCATED, FORGED_CHECKPOINT, CHECKPOINT_MISMATCH
    }

    /**
     * Result of recomputing the chain. {@code lastCheckpointSeq} and {@code lastCheckpointAt} name the latest signed
     * checkpoint (null when there is none, or when the chain broke before they were read).
     */
    public record ChainCheck(boolean intact, long entriesChecked, Long firstBrokenSeq, String reason, Problem problem,
            Long lastCheckpointSeq, Instant lastCheckpointAt) {

        static ChainCheck intact(long entries) {
            return new ChainCheck(true, entries, null, null, null, null, null);
        }

        static ChainCheck broken(Problem problem, long checkedBefore, long seq, String reason) {
            return new ChainCheck(false, checkedBefore, seq, reason, problem, null, null);
        }

        ChainCheck withCheckpoint(long seq, Instant at) {
            return new ChainCheck(intact, entriesChecked, firstBrokenSeq, reason, problem, seq, at);
        }

        public String describe() {
            return intact ? "Audit chain intact: " + entriesChecked + " entries checked"
                    + (lastCheckpointSeq == null ? ", no checkpoint yet." : ", it reaches the last signed checkpoint (entry "
                            + lastCheckpointSeq + ", " + lastCheckpointAt + ").")
                    : "Audit chain BROKEN at entry " + firstBrokenSeq + ": " + reason + ".";
        }
    }
}
