/**
 * What a site contact saw, structured after SALUTE so a dispatcher can read it at a glance, and its lifecycle from
 * NEW through one exclusive claim to VERIFIED, FALSE_ALARM or UNABLE_TO_VERIFY. Reports for a site close together in
 * time join one {@link org.aviso.core.report.Incident}.
 */
package org.aviso.core.report;
