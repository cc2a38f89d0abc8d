package org.aviso.gateway.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Signed checkpoints of the audit chain's head (entry number and hash), kept in their own table and, when the
 * operator names one ({@code aviso.audit.checkpoint-file}), appended to a file as well. The chain shows an entry
 * edited or removed in the middle; only a checkpoint shows that the last entries were deleted: the log must reach
 * the last checkpoint, with the same hash there.
 *
 * <p>Signed with HMAC-SHA256 under the installation's keyed-hash key (wrapped by the master key): someone who can
 * edit the database but has not the master key cannot write a checkpoint that checks out.
 */
@Component
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final String FORMAT = "aviso-audit-checkpoint/v1";

    /** The changes an administrator makes: each is followed by a checkpoint in the same transaction. */
    static final Set<AuditAction> ADMINISTRATIVE = EnumSet.of(AuditAction.SETTINGS_CHANGED,
            AuditAction.PERSON_CHANGED, AuditAction.DEVICE_ENROLLMENT_CREATED, AuditAction.DEVICE_REVOKED,
            AuditAction.KEY_ROTATION, AuditAction.EXPORT);

    /**
     * Signs a checkpoint's canonical text. The crypto package provides it (a keyed hash under the installation's own
     * key), so that the audit package, which crypto writes to, needs nothing from crypto.
     */
    @FunctionalInterface
    public interface Signer {
        byte[] sign(String canonical);
    }

    public enum Reason {
        SCHEDULE, ADMINISTRATOR_ACTION, REQUESTED
    }

    /** One checkpoint; {@code source} says where it was read (the table or the operator's file). */
    public record Checkpoint(long seq, byte[] hash, Instant at, Reason reason, byte[] signature, String source) {

        String signed() {
            return String.join("|", FORMAT, Long.toString(seq), HexFormat.of().formatHex(hash),
                    at.truncatedTo(ChronoUnit.MICROS).toString(), reason.name());
        }

        String line() {
            return String.join(" ", FORMAT, Long.toString(seq), HexFormat.of().formatHex(hash),
                    at.truncatedTo(ChronoUnit.MICROS).toString(), reason.name(), HexFormat.of().formatHex(signature));
        }
    }

    private final JdbcClient jdbc;
    private final Signer keys;
    private final Clock clock;
    private final Optional<Path> file;

    AuditCheckpoints(JdbcClient jdbc, Signer keys, Clock clock,
            @Value("${aviso.audit.checkpoint-file:}") String file) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.file = file.isBlank() ? Optional.empty() : Optional.of(Path.of(file.strip()));
    }

    public Optional<Path> file() {
        return file;
    }

    /** A checkpoint of the head as it is now; nothing when the log is empty or the head is checkpointed already. */
    @Scheduled(fixedDelayString = "${aviso.audit.checkpoint-interval:PT15M}",
            initialDelayString = "${aviso.audit.checkpoint-interval:PT15M}")
    public void onSchedule() {
        checkpointNow(Reason.SCHEDULE);
    }

    @Transactional
    public Optional<Checkpoint> checkpointNow(Reason reason) {
        AuditLog.lockChain(jdbc);
        record Head(long seq, byte[] hash) {
        }
        return jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1").query(Head.class).optional()
                .flatMap(head -> write(head.seq(), head.hash(), reason));
    }

    /** In the appending transaction, with the chain's lock held. */
    Optional<Checkpoint> write(long seq, byte[] hash, Reason reason) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Checkpoint unsigned = new Checkpoint(seq, hash, at, reason, new byte[0], "table");
        Checkpoint checkpoint = new Checkpoint(seq, hash, at, reason, sign(unsigned), "table");
        int written = jdbc.sql("""
                        insert into audit_checkpoint (entry_seq, entry_hash, written_at, reason, signature)
                        values (:seq, :hash, :at, :reason, :signature) on conflict (entry_seq) do nothing
                        """)
                .param("seq", seq).param("hash", hash).param("at", Timestamp.from(at))
                .param("reason", reason.name()).param("signature", checkpoint.signature())
                .update();
        if (written == 0) {
            return Optional.empty();
        }
        file.ifPresent(path -> {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        append(path, checkpoint);
                    }
                });
            } else {
                append(path, checkpoint);
            }
        });
        return Optional.of(checkpoint);
    }

    private static void append(Path path, Checkpoint checkpoint) {
        try {
            Files.writeString(path, checkpoint.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // the table keeps it; the operator's copy is a second place, and its loss must not undo the action
            log.error("Could not append the audit checkpoint of entry {} to {}: {}", checkpoint.seq(), path,
                    e.getClass().getSimpleName());
        }
    }

    byte[] sign(Checkpoint checkpoint) {
        return keys.sign(checkpoint.signed());
    }

    public boolean genuine(Checkpoint checkpoint) {
        return checkpoint.signature() != null && MessageDigest.isEqual(sign(checkpoint), checkpoint.signature());
    }

    /** Every checkpoint, from the table and from the operator's file, in order of entry number. */
    public List<Checkpoint> all() {
        List<Checkpoint> all = new ArrayList<>(jdbc.sql("select * from audit_checkpoint order by entry_seq")
                .query((rs, n) -> new Checkpoint(rs.getLong("entry_seq"), rs.getBytes("entry_hash"),
                        rs.getTimestamp("written_at").toInstant(), Reason.valueOf(rs.getString("reason")),
                        rs.getBytes("signature"), "table"))
                .list());
        file.filter(Files::isRegularFile).ifPresent(path -> all.addAll(readFile(path)));
        all.sort(java.util.Comparator.comparingLong(Checkpoint::seq));
        return all;
    }

    /** A line that cannot be read counts as a checkpoint with no valid signature: someone altered the file. */
    private static List<Checkpoint> readFile(Path path) {
        List<Checkpoint> read = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.error("Could not read the audit checkpoint file {}: {}", path, e.getClass().getSimpleName());
            return read;
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split(" ");
            try {
                if (parts.length != 6 || !FORMAT.equals(parts[0])) {
                    throw new IllegalArgumentException("not a checkpoint line");
                }
                read.add(new Checkpoint(Long.parseLong(parts[1]), HexFormat.of().parseHex(parts[2]),
                        Instant.parse(parts[3]), Reason.valueOf(parts[4]), HexFormat.of().parseHex(parts[5]),
                        "file " + path));
            } catch (RuntimeException unreadable) {
                read.add(new Checkpoint(Long.MAX_VALUE, new byte[0], Instant.EPOCH, Reason.REQUESTED, null,
                        "file " + path));
            }
        }
        return read;
    }
}
