package org.aviso.core.reply;

import java.util.Optional;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;
import org.aviso.core.common.ShortCode;

/**
 * What an inbound message means. {@link #language()} is a guess from the keyword ("RECIBIDO" is Spanish, "OK" says
 * nothing), for answering in the same language when the sender is not enrolled.
 */
public sealed interface Reply {

    Optional<Language> language();

    /**
     * "OK", "1", "SI", "RECIBIDO", "GOT IT" and the like.
     *
     * @param alsoTwilioOptIn true for a bare "YES": we read it as an acknowledgement, but Twilio also treats it as its
     *                        opt-in keyword, re-subscribing the number and sending its own confirmation. The gateway
     *                        should then clear an SMS opt-out too, so our records match Twilio's.
     */
    record Acknowledge(Optional<Language> language, boolean alsoTwilioOptIn) implements Reply {
        public Acknowledge {
            Checks.required(language, "language");
        }
    }

    /** "VERIFY ABCD-2345" / "VERIFICAR ABCD-2345": is this alert genuine? */
    record Verify(ShortCode code, Optional<Language> language) implements Reply {
        public Verify {
            Checks.required(code, "code");
            Checks.required(language, "language");
        }

        public Verify(ShortCode code) {
            this(code, Optional.empty());
        }
    }

    /**
     * "HELP", "INFO", "AYUDA".
     *
     * @param answeredByTwilio Twilio already sent its standard help text; do not send a second reply
     */
    record Help(Optional<Language> language, boolean answeredByTwilio) implements Reply {
        public Help {
            Checks.required(language, "language");
        }
    }

    /**
     * An opt-out keyword as the whole message. Twilio's English defaults are answered (and enforced) by Twilio;
     * our Spanish ones are not, so the gateway confirms those itself and must record every opt-out in its own store.
     */
    record OptOut(Optional<Language> language, boolean answeredByTwilio) implements Reply {
        public OptOut {
            Checks.required(language, "language");
        }
    }

    /** "START", "UNSTOP", "COMENZAR". */
    record OptIn(Optional<Language> language, boolean answeredByTwilio) implements Reply {
        public OptIn {
            Checks.required(language, "language");
        }
    }

    /** A dispatcher claiming a report by SMS or Signal: "CLAIM ABCD-2345" / "TOMAR ABCD-2345". */
    record Claim(ShortCode code, Optional<Language> language) implements Reply {
        public Claim {
            Checks.required(code, "code");
            Checks.required(language, "language");
        }

        public Claim(ShortCode code) {
            this(code, Optional.empty());
        }
    }

    /** A verifier confirming an alert for the quorum: "CONFIRM ABCD-2345" / "CONFIRMAR ABCD-2345". */
    record Confirm(ShortCode code, Optional<Language> language) implements Reply {
        public Confirm {
            Checks.required(code, "code");
            Checks.required(language, "language");
        }

        public Confirm(ShortCode code) {
            this(code, Optional.empty());
        }
    }

    /**
     * "JOIN LINC1" / "UNIRME LINC1": someone asks to be added to a school's families by its site code (letters and
     * digits, upper case here).
     */
    record Join(String siteCode, Optional<Language> language) implements Reply {
        public Join {
            Checks.required(siteCode, "site code");
            Checks.required(language, "language");
            if (!siteCode.matches("[A-Z0-9]{2,16}")) {
                throw new IllegalArgumentException("a site code is 2 to 16 letters or digits");
            }
        }
    }

    /** "LEAVE" / "SALIR" as the whole message: remove me and erase my number. */
    record Leave(Optional<Language> language) implements Reply {
        public Leave {
            Checks.required(language, "language");
        }
    }

    /** Anything else. {@code toString()} leaves the text out: message bodies must not reach logs. */
    record Unknown(String text) implements Reply {
        public Unknown {
            Checks.required(text, "text");
        }

        @Override
        public Optional<Language> language() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Unknown[" + text.length() + " chars]";
        }
    }
}
