package org.aviso.core.common;

/** The ways Aviso reaches a person. Signal is end-to-end encrypted and preferred; SMS is the fallback. */
public enum Channel {
    SIGNAL,
    SMS
}
