/**
 * Reports that arrive as Signal or SMS messages. From an enrolled site contact's number a message becomes a report
 * of their site, marked "by message", grouped and paged like a form report. From any other number it lands in the
 * lower-trust queue ({@code message_report}, owned here), limited per sender by the keyed hash of their number,
 * until a dispatcher promotes it into an incident or dismisses it. Every sender is answered with the report's code
 * in their language. The route runs after the keywords, so OK, VERIFY, CLAIM and the rest keep working.
 */
package org.aviso.gateway.intake;
