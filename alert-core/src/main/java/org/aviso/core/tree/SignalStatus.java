package org.aviso.core.tree;

/** What we know about a number on Signal. UNKNOWN is tried on Signal first and falls back on "unregistered". */
public enum SignalStatus {
    ON_SIGNAL,
    NOT_ON_SIGNAL,
    UNKNOWN
}
