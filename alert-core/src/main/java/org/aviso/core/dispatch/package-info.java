/**
 * The use case between a verified report and an alert going out: may this alert be sent, to whom, and may this
 * follow-up still be sent. It enforces the quorum and the follow-up rules rather than leaving them to convention.
 */
package org.aviso.core.dispatch;
