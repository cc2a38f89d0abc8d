package org.aviso.gateway.command;

import java.util.UUID;

import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.KeyRotation;
import org.aviso.gateway.importing.ImportCommand;
import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify-audit-chain} fails, naming the gap, when the log ends before its last signed checkpoint. */
@AvisoTest
@ExtendWith(OutputCaptureExtension.class)
class AuditChainCommandTest {

    @Autowired
    AuditLog audit;
    @Autowired
    KeyRotation rotation;
    @Autowired
    ImportCommand importCommand;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void theCommandExitsNonZeroAndNamesTheMissingEntries(CapturedOutput output) {
        UUID network = UUID.randomUUID();
        for (AuditAction action : new AuditAction[] {AuditAction.SIGN_IN, AuditAction.SETTINGS_CHANGED,
                AuditAction.SIGN_IN, AuditAction.PERSON_CHANGED}) {
            transaction.executeWithoutResult(s -> audit.record(network, "user:" + UUID.randomUUID(), action,
                    "network:" + network, ""));
        }
        long head = jdbc.queryForObject("select max(seq) from audit_entry", Long.class);
        AvisoCommands intact = new AvisoCommands("verify-audit-chain", rotation, audit, importCommand);
        intact.run(new DefaultApplicationArguments());
        assertThat(intact.getExitCode()).isEqualTo(AvisoCommands.OK);

        jdbc.execute("alter table audit_entry disable trigger audit_entry_no_delete");
        jdbc.update("delete from audit_entry where seq >= ?", head - 1);
        jdbc.execute("alter table audit_entry enable trigger audit_entry_no_delete");

        AvisoCommands command = new AvisoCommands("verify-audit-chain", rotation, audit, importCommand);
        command.run(new DefaultApplicationArguments());
        assertThat(command.getExitCode()).isEqualTo(AvisoCommands.CHAIN_BROKEN);
        assertThat(output.getAll()).contains("Audit chain BROKEN at entry " + (head - 1))
                .contains("entries " + (head - 1) + " to " + head + " are missing");
    }
}
