/**
 * What a family gets when it asks for help (issue 17 item 4): HELP / AYUDA is answered with the site's mutual-aid
 * resources in the family's language; AYUDA after an alert opens a help request that pages the site's mutual-aid
 * contacts and waits on the console until a dispatcher takes it; and each alert's check-in view counts OK, AYUDA and
 * no answer by site and group. This package owns the {@code help_request} table; it sends only through
 * {@link org.aviso.gateway.delivery.DirectMessages}.
 */
package org.aviso.gateway.help;
