/**
 * Alerts and who they reach. An {@link org.aviso.core.alert.Audience} is resolved from the communication tree once,
 * ordered by fan-out tier and de-duplicated; follow-ups reuse it exactly.
 */
package org.aviso.core.alert;
