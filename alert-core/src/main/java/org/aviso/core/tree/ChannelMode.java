package org.aviso.core.tree;

/**
 * How a group is reached on Signal. GROUP posts into a Signal announcement group, which is quicker for staff but
 * shows every member's number to the others; so families are always DIRECT.
 */
public enum ChannelMode {
    DIRECT,
    GROUP
}
