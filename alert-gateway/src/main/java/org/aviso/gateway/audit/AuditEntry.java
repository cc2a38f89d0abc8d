package org.aviso.gateway.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One link of the chain. {@code actor}, {@code subject} and {@code details} carry ids, kinds and counts only,
 * never a name, phone number or message text.
 */
public record AuditEntry(long seq, UUID networkId, Instant at, String actor, AuditAction action, String subject,
        String details, byte[] prevHash, byte[] hash) {
}
