/**
 * Turning an alert into the text each person receives: templates per kind, language and channel, filled from the
 * alert; every message carries the verification code and says DRILL when it is one; SMS segment counting so the
 * console can show the cost before anything is sent.
 */
package org.aviso.core.render;
