/**
 * Escalation as data, decided by two pure functions so any number of stateless gateway nodes can tick them safely.
 *
 * <ul>
 *   <li>{@link org.aviso.core.escalation.EscalationEngine}: runs a policy of ordered steps (notify a target, wait,
 *       repeat, stop when claimed or acknowledged) from a frozen {@link org.aviso.core.escalation.EscalationSnapshot};
 *       used for pages to dispatchers and coordinators.</li>
 *   <li>{@link org.aviso.core.escalation.DeliveryPlanner}: one recipient of one alert at a time (Signal first, SMS
 *       on failure or missing receipt, at most one of each, backup when an acknowledgement is late), so a
 *       100,000-recipient alert never needs everyone in memory at once.</li>
 * </ul>
 *
 * Both take everything that has happened as a list of events and the current time, and return what to do now and
 * when to look again. Calling either twice with the same input gives the same answer; once the caller records that it
 * acted, the same action is never proposed again.
 */
package org.aviso.core.escalation;
