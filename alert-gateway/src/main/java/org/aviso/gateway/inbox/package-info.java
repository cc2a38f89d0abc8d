/**
 * The console inbox (issue 17 item 4): free text a family sends Aviso reaches a dispatcher, who may answer it once,
 * on the channel it came by. The message stays where the reply package keeps it ({@code inbound_message}, encrypted,
 * deleted at retention); this package owns {@code inbox_answer} and sends only through
 * {@link org.aviso.gateway.delivery.DirectMessages}.
 */
package org.aviso.gateway.inbox;
