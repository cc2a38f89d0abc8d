package org.aviso.core.render;

/** How an SMS is encoded on the air: GSM 03.38 7-bit, or UCS-2 as soon as one character is outside it. */
public enum Encoding {
    GSM_7,
    UCS_2
}
