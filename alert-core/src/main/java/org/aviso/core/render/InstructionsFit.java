package org.aviso.core.render;

/** How much of the dispatcher's instructions a rendered message carries. */
public enum InstructionsFit {
    /** There were none. */
    NONE,
    /** All of them. */
    FULL,
    /** The short form the dispatcher or the safety plan gave, because all of them would not fit the SMS. */
    SHORT,
    /** The start of them, ending in "...": the SMS's link leads to the rest. */
    CUT,
    /** None fit at all: the template alone already fills the SMS. */
    LEFT_OUT
}
