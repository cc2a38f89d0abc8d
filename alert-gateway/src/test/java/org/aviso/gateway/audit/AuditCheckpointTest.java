package org.aviso.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 4: deleting the last entries of the audit log is noticed. Signed checkpoints of the chain's head are
 * written with every administrator's change and on a schedule, in their own table and in the operator's file; the
 * chain check names the gap when the log ends before the last checkpoint, even when the table of checkpoints was
 * emptied too, and refuses a checkpoint that this installation did not sign.
 */
@AvisoTest
class AuditCheckpointTest {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcClient client;
    @Autowired
    AuditCheckpoints.Signer keys;
    @Autowired
    Clock clock;
    @Autowired
    TransactionTemplate transaction;

    private final UUID network = UUID.randomUUID();

    @AfterEach
    void emptyTheLog() {
        jdbc.execute("truncate audit_entry, audit_checkpoint");
    }

    private long record(AuditLog log, AuditAction action) {
        transaction.executeWithoutResult(s -> log.record(network, "user:" + UUID.randomUUID(), action,
                "group:" + UUID.randomUUID(), ""));
        return head();
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(seq), 0) from audit_entry", Long.class);
    }

    private long lastCheckpoint() {
        return jdbc.queryForObject("select coalesce(max(entry_seq), 0) from audit_checkpoint", Long.class);
    }

    private void deleteFrom(long seq) {
        jdbc.execute("alter table audit_entry disable trigger audit_entry_no_delete");
        try {
            jdbc.update("delete from audit_entry where seq >= ?", seq);
        } finally {
            jdbc.execute("alter table audit_entry enable trigger audit_entry_no_delete");
        }
    }

    @Test
    void anAdministratorsChangeIsCheckpointedInItsOwnTransactionAndOtherEntriesWaitForTheSchedule() {
        record(audit, AuditAction.REPORT_CLAIMED);
        assertThat(lastCheckpoint()).isZero();

        long change = record(audit, AuditAction.SETTINGS_CHANGED);
        assertThat(lastCheckpoint()).isEqualTo(change);
        long claimed = record(audit, AuditAction.REPORT_CLAIMED);
        assertThat(lastCheckpoint()).isEqualTo(change);

        checkpoints.onSchedule();
        assertThat(lastCheckpoint()).isEqualTo(claimed);
        assertThat(jdbc.queryForObject("select reason from audit_checkpoint where entry_seq = ?", String.class, claimed))
                .isEqualTo("SCHEDULE");
        checkpoints.onSchedule(); // nothing new: no second checkpoint of the same head
        assertThat(jdbc.queryForObject("select count(*) from audit_checkpoint", Long.class)).isEqualTo(2);

        AuditLog.ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).isTrue();
        assertThat(check.lastCheckpointSeq()).isEqualTo(claimed);
        assertThat(check.describe()).contains("reaches the last signed checkpoint (entry " + claimed);
    }

    @Test
    void deletingTheLastEntriesIsFoundAndTheGapNamed() {
        record(audit, AuditAction.REPORT_CLAIMED);
        long firstDeleted = record(audit, AuditAction.ALERT_APPROVED);
        record(audit, AuditAction.ALERT_SENT);
        long change = record(audit, AuditAction.PERSON_CHANGED);

        deleteFrom(firstDeleted);

        AuditLog.ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo(AuditLog.Problem.TRUNCATED);
        assertThat(check.firstBrokenSeq()).isEqualTo(firstDeleted);
        assertThat(check.describe()).contains("the log ends at entry " + (firstDeleted - 1))
                .contains("entries " + firstDeleted + " to " + change + " are missing");
    }

    @Test
    void theOperatorsFileFindsTheGapWhenTheCheckpointTableWasEmptiedToo(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("audit-checkpoints.log");
        AuditCheckpoints withFile = new AuditCheckpoints(client, keys, clock, file.toString());
        AuditLog log = new AuditLog(client, clock, withFile);
        record(log, AuditAction.REPORT_CLAIMED);
        long firstDeleted = record(log, AuditAction.ALERT_SENT);
        long change = record(log, AuditAction.SETTINGS_CHANGED);
        assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("aviso-audit-checkpoint/v1 " + change + " ");

        deleteFrom(firstDeleted);
        jdbc.execute("truncate audit_checkpoint");

        assertThat(audit.verifyChain().intact()).as("without the file, nothing shows the gap").isTrue();
        AuditLog.ChainCheck check = log.verifyChain();
        assertThat(check.problem()).isEqualTo(AuditLog.Problem.TRUNCATED);
        assertThat(check.describe()).contains("entries " + firstDeleted + " to " + change + " are missing");

        // a line made up by whoever deleted the entries, pointing the checkpoint back at what is left, is refused
        String line = Files.readAllLines(file).get(0);
        String[] parts = line.split(" ");
        String lastLeft = jdbc.queryForObject("select encode(hash, 'hex') from audit_entry where seq = ?", String.class,
                firstDeleted - 1);
        Files.writeString(file, String.join(" ", parts[0], Long.toString(firstDeleted - 1), lastLeft, parts[3], parts[4],
                parts[5]) + "\n", StandardCharsets.UTF_8);
        check = log.verifyChain();
        assertThat(check.problem()).isEqualTo(AuditLog.Problem.FORGED_CHECKPOINT);
        assertThat(check.describe()).contains("not signed by this installation");
    }

    @Test
    void aCheckpointWrittenWithoutTheKeyIsRefused() {
        long seq = record(audit, AuditAction.REPORT_CLAIMED);
        client.sql("""
                        insert into audit_checkpoint (entry_seq, entry_hash, written_at, reason, signature)
                        select seq, hash, now(), 'SCHEDULE', sha256(hash) from audit_entry where seq = :seq
                        """).param("seq", seq).update();

        AuditLog.ChainCheck check = audit.verifyChain();
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo(AuditLog.Problem.FORGED_CHECKPOINT);
        assertThat(List.of(check.firstBrokenSeq())).containsExactly(seq);
    }
}
