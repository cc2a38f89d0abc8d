package org.aviso.core.escalation;

/** What ends an escalation early. A cancellation always does. */
public enum StopCondition {
    /** Someone claimed the report being paged about. */
    CLAIMED,
    /** Anyone paged acknowledged. */
    ACKNOWLEDGED,
    /** Only cancellation or running out of steps ends it. */
    NEVER
}
