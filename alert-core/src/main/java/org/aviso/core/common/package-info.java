/**
 * Value types shared by every feature: phone numbers, identifiers, languages, channels and short codes.
 * Each validates itself in its constructor, so an instance that exists is a valid one.
 */
package org.aviso.core.common;
