package org.aviso.core.report;

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

    /** No open incident fitted; this one was opened for the report. */
    record Opened(Incident incident) implements IncidentAssignment {
        public Opened {
            Checks.required(incident, "incident");
        }
    }
}
