/**
 * Understanding what people text back: acknowledgements, verification and dispatcher commands with a short code,
 * help, and opt-out/opt-in keywords, in English and Spanish.
 */
package org.aviso.core.reply;
