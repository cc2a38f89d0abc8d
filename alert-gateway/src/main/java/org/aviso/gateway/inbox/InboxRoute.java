package org.aviso.gateway.inbox;

import java.util.Optional;

import org.aviso.core.reply.Reply;
import org.aviso.core.tree.Role;
import org.aviso.gateway.reply.InboundRoute;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Free text from a family member for the console inbox. A site contact's text is a report and an unknown number's goes
 * to the lower-trust queue (the intake package's route, ordered after this one); this route leaves both alone.
 */
@Component
@Order(100)
class InboxRoute implements InboundRoute {

    static final String INTERPRETATION = "FREE_TEXT";

    @Override
    public Phase phase() {
        return Phase.AFTER_KEYWORDS;
    }

    @Override
    public Optional<Answer> take(Inbound message) {
        if (!(message.parsed() instanceof Reply.Unknown) || message.raw().text().isBlank()
                || message.senders().isEmpty()) {
            return Optional.empty();
        }
        boolean family = message.senders().stream().anyMatch(p -> p.person().hasRole(Role.FAMILY));
        boolean siteContact = message.senders().stream().anyMatch(p -> p.person().hasRole(Role.SITE_CONTACT));
        return family && !siteContact ? Optional.of(Answer.silently(INTERPRETATION)) : Optional.empty();
    }
}
