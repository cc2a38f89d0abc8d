package org.aviso.core.render;

import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;

/**
 * A message ready to send.
 *
 * @param language          the language it is actually in
 * @param fellBackToEnglish true when the recipient's language had no template and English was used instead
 * @param instructions      how much of the instructions it carries (an SMS may carry their short form)
 */
public record RenderedMessage(String text, SmsSegments segments, Language language, boolean fellBackToEnglish,
        InstructionsFit instructions) {

    public RenderedMessage {
        Checks.required(text, "text");
        Checks.required(segments, "segments");
        Checks.required(language, "language");
        Checks.required(instructions, "instructions fit");
    }

    public RenderedMessage(String text, SmsSegments segments, Language language, boolean fellBackToEnglish) {
        this(text, segments, language, fellBackToEnglish, InstructionsFit.FULL);
    }

    /** Leaves the body out: message bodies must not reach logs. */
    @Override
    public String toString() {
        return "RenderedMessage[language=" + language + ", fellBackToEnglish=" + fellBackToEnglish + ", segments="
                + segments + ", instructions=" + instructions + ", length=" + text.length() + "]";
    }
}
