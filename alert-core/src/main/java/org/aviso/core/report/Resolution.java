package org.aviso.core.report;

import java.time.Instant;
import org.aviso.core.common.Checks;
import org.aviso.core.common.PersonId;

/** How a report ended, who decided and when. */
public record Resolution(ReportStatus outcome, PersonId by, Instant at) {

    public Resolution {
        Checks.required(outcome, "outcome");
        Checks.required(by, "resolved by");
        Checks.required(at, "resolved at");
        if (!outcome.isTerminal()) {
            throw new IllegalArgumentException("a resolution is VERIFIED, FALSE_ALARM, UNABLE_TO_VERIFY or CLOSED");
        }
    }
}
