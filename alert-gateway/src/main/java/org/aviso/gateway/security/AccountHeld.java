package org.aviso.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An account was held: its passphrase was given right with wrong codes, so someone other than its owner may know
 * it. Published inside the sign-in's transaction, so a notice written by a listener commits with the hold.
 *
 * @param username   the account's user name, for the notice
 * @param wrongCodes how many wrong codes came with the right passphrase
 * @param people     who to tell: the owner's person (if any) and the administrators who are people of the tree
 */
public record AccountHeld(UUID networkId, UUID accountId, String username, Duration hold, int wrongCodes,
        List<UUID> people) {
}
