package org.aviso.gateway.command;

import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.KeyRotation;
import org.aviso.gateway.importing.ImportCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Administrator commands that run once and exit: {@code --aviso.command=rotate-keys} re-encrypts everything under
 * new keys (and re-wraps them under {@code aviso.crypto.new-master-secret} when given);
 * {@code --aviso.command=verify-audit-chain} recomputes the audit chain and names the first broken link. Run them
 * with {@code --spring.main.web-application-type=none} while the service is stopped. {@code --aviso.command=import}
 * reads a school export (see {@link ImportCommand}).
 */
@Component
public class AvisoCommands implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(AvisoCommands.class);

    public static final int OK = 0;
    public static final int UNKNOWN_COMMAND = 2;
    public static final int CHAIN_BROKEN = 3;
    public static final int IMPORT_REFUSED = 4;

    private final String command;
    private final KeyRotation rotation;
    private final AuditLog audit;
    private final ImportCommand importCommand;
    private int exitCode = OK;

    AvisoCommands(@Value("${aviso.command:}") String command, KeyRotation rotation, AuditLog audit,
            ImportCommand importCommand) {
        this.command = command.strip();
        this.rotation = rotation;
        this.audit = audit;
        this.importCommand = importCommand;
    }

    public boolean requested() {
        return !command.isEmpty();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!requested()) {
            return;
        }
        switch (command) {
            case "rotate-keys" -> {
                KeyRotation.Result result = rotation.rotate();
                log.info("rotate-keys done: {}", result);
            }
            case "verify-audit-chain" -> {
                AuditLog.ChainCheck check = audit.verifyChain();
                if (check.intact()) {
                    log.info(check.describe());
                } else {
                    log.error(check.describe());
                    exitCode = CHAIN_BROKEN;
                }
            }
            case "import" -> exitCode = importCommand.run() ? OK : IMPORT_REFUSED;
            default -> {
                log.error("Unknown command '{}'. Known: rotate-keys, verify-audit-chain, import", command.replaceAll("[^a-z-]", "?"));
                exitCode = UNKNOWN_COMMAND;
            }
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
