package org.aviso.core.report;

import java.util.Optional;
import org.aviso.core.common.Checks;

/** Where a new report goes: into an open incident of its site, or into a new one. */
public sealed interface IncidentAssignment {

    /** The incident to store (updated or new). */
    Incident incident();

    /** The report joins this incident, whose last-report time was moved forward. */
    record Joined(Incident incident) implements IncidentAssignment {
        public Joined {
            Checks.required(incident, "incident");
        }
    }

    /**
     * No open incident fitted; this one was opened for the report.
     *
     * @param after the end of the site's incident this one follows (an all-clear at 16:15), if it ended recently
     */
    record Opened(Incident incident, Optional<IncidentClosure> after) implements IncidentAssignment {
        public Opened {
            Checks.required(incident, "incident");
            Checks.required(after, "after (use Optional.empty())");
        }

        public Opened(Incident incident) {
            this(incident, Optional.empty());
        }
    }
}
