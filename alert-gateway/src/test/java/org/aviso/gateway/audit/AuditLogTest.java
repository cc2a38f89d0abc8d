package org.aviso.gateway.audit;

import java.util.List;
import java.util.UUID;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AvisoTest
class AuditLogTest {

    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    private final UUID network = UUID.randomUUID();
    private final String alert = "alert:" + UUID.randomUUID();

    private void appendThree() {
        transaction.executeWithoutResult(s -> {
            audit.record(network, "user:1", AuditAction.REPORT_CLAIMED, "report:r1", "");
            audit.record(network, "user:2", AuditAction.ALERT_APPROVED, alert, "kind=VERIFIED");
            audit.record(network, "user:1", AuditAction.ALERT_SENT, alert, "recipients=12");
        });
    }

    @Test
    void chainsEachEntryToTheOneBeforeIt() {
        appendThree();

        assertThat(audit.verifyChain().describe()).startsWith("Audit chain intact");
        assertThat(audit.verifyChain().entriesChecked()).isGreaterThanOrEqualTo(3);
        assertThat(audit.forSubject(alert)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.ALERT_APPROVED, AuditAction.ALERT_SENT);
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteAnEntry() {
        appendThree();

        assertThatThrownBy(() -> jdbc.update("update audit_entry set details = 'recipients=0' where subject = ?", alert))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry"))
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void theChainCheckNamesTheFirstEntryEditedWithTheTriggerDisabled() {
        appendThree();
        long edited = jdbc.queryForObject(
                "select seq from audit_entry where action = 'ALERT_APPROVED' order by seq desc limit 1", Long.class);

        jdbc.execute("alter table audit_entry disable trigger audit_entry_no_update");
        try {
            jdbc.update("update audit_entry set actor = 'user:3' where seq = ?", edited);
        } finally {
            jdbc.execute("alter table audit_entry enable trigger audit_entry_no_update");
        }

        try {
            AuditLog.ChainCheck check = audit.verifyChain();
            assertThat(check.intact()).isFalse();
            assertThat(check.firstBrokenSeq()).isEqualTo(edited);
            assertThat(check.describe()).contains("entry " + edited);
        } finally {
            // put it back, so the other tests of this class see an intact chain
            jdbc.execute("alter table audit_entry disable trigger audit_entry_no_update");
            jdbc.update("update audit_entry set actor = 'user:2' where seq = ?", edited);
            jdbc.execute("alter table audit_entry enable trigger audit_entry_no_update");
        }
    }

    @Test
    void anEntryCommitsWithItsActionOrNotAtAll() {
        String subject = "report:" + UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> {
            audit.record(network, "user:1", AuditAction.REPORT_CLAIMED, subject, "");
            throw new IllegalStateException("the action failed after it was audited");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(audit.forSubject(subject)).isEmpty();

        transaction.executeWithoutResult(s -> audit.record(network, "user:1", AuditAction.REPORT_CLAIMED, subject, ""));
        assertThat(audit.forSubject(subject)).singleElement();
        assertThat(audit.verifyChain().intact()).isTrue();
    }

    @Test
    void entriesOfOneTransactionFollowEachOtherInTheChainInTheOrderRecorded() {
        appendThree();

        List<String> actions = jdbc.queryForList("select action from audit_entry order by seq desc limit 3", String.class);
        assertThat(actions).containsExactly("ALERT_SENT", "ALERT_APPROVED", "REPORT_CLAIMED");
    }

    @Test
    void refusesAnEntryThatCarriesAPhoneNumber() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(
                s -> audit.record(network, "system", AuditAction.EXPORT, "person:x", "to +1 555 010 0002")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
