package org.aviso.core.report;

import java.time.Instant;
import org.aviso.core.common.Checks;
import org.aviso.core.common.PersonId;

/** Who holds a report and since when. */
public record Claim(PersonId by, Instant at) {

    public Claim {
        Checks.required(by, "claimed by");
        Checks.required(at, "claimed at");
    }
}
