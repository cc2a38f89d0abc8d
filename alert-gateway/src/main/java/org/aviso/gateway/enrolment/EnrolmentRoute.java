package org.aviso.gateway.enrolment;

import java.util.Optional;

import org.aviso.gateway.reply.InboundRoute;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Takes JOIN / UNIRME and LEAVE / SALIR, and every message of a sender in the middle of enrolling, before the
 * keywords: their "1" chooses a language and their "YES" consents; neither is an acknowledgement of an alert.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EnrolmentRoute implements InboundRoute {

    private final Enrolments enrolments;

    EnrolmentRoute(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    @Override
    public Phase phase() {
        return Phase.BEFORE_KEYWORDS;
    }

    @Override
    public Optional<Answer> take(Inbound message) {
        return enrolments.take(message);
    }
}
