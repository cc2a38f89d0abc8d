/**
 * A language as data (issue 17 item 5): an administrator adds a BCP 47 language to a network with its reply keywords,
 * drill marker and check-page texts; its alert templates are kept like every template (alert package). Owns
 * {@code network_language_text}.
 */
package org.aviso.gateway.languages;
