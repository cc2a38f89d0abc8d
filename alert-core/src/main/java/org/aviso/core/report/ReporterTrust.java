package org.aviso.core.report;

/**
 * Whether the report came from an enrolled site contact. Unenrolled reports land in a lower-trust queue, clearly
 * marked, because some calls are malicious (people trying to get a neighbour deported).
 */
public enum ReporterTrust {
    ENROLLED_SITE_CONTACT,
    UNENROLLED
}
