package org.aviso.core.reply;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;
import org.aviso.core.common.ShortCode;

/**
 * Parses inbound replies. Case does not matter, nor surrounding spaces, punctuation or emoji ("Ok 👍", "¡Sí!").
 * Keywords count only as the whole message, as Twilio's do: "STOP PLEASE" is not an opt-out and "OK THANKS" not an
 * acknowledgement, because guessing wrong either way has a cost. A command with a malformed code is {@link
 * Reply.Unknown}, so a typo never verifies or claims the wrong thing.
 *
 * <p>"YES" is both a common acknowledgement and Twilio's opt-in keyword; it is read as an acknowledgement, flagged
 * with {@link Reply.Acknowledge#alsoTwilioOptIn()}. "SI" is an acknowledgement only (the product asks staff to reply
 * SI), so the Spanish opt-in keyword is COMENZAR.
 *
 * <p>"JOIN code" / "UNIRME código" asks to enrol at a school; "LEAVE" / "SALIR" alone asks to be removed.
 *
 * <p>{@code answeredByTwilio} follows Twilio's default English keyword lists; when the inbound webhook carries
 * {@code OptOutType}, that is the authority.
 */
public final class ReplyParser {

    private static final Optional<Language> EN = Optional.of(Language.ENGLISH);
    private static final Optional<Language> ES = Optional.of(Language.SPANISH);
    private static final Optional<Language> ANY = Optional.empty();

    private static final Map<String, Reply> WHOLE_MESSAGE = Map.ofEntries(
            Map.entry("OK", new Reply.Acknowledge(ANY, false)),
            Map.entry("OKAY", new Reply.Acknowledge(EN, false)),
            Map.entry("1", new Reply.Acknowledge(ANY, false)),
            Map.entry("YES", new Reply.Acknowledge(EN, true)),
            Map.entry("Y", new Reply.Acknowledge(EN, false)),
            Map.entry("ACK", new Reply.Acknowledge(EN, false)),
            Map.entry("GOT IT", new Reply.Acknowledge(EN, false)),
            Map.entry("SI", new Reply.Acknowledge(ES, false)),
            Map.entry("SÍ", new Reply.Acknowledge(ES, false)),
            Map.entry("RECIBIDO", new Reply.Acknowledge(ES, false)),
            Map.entry("RECIBIDA", new Reply.Acknowledge(ES, false)),
            Map.entry("ENTERADO", new Reply.Acknowledge(ES, false)),
            Map.entry("ENTERADA", new Reply.Acknowledge(ES, false)),
            Map.entry("ENTENDIDO", new Reply.Acknowledge(ES, false)),
            Map.entry("ENTENDIDA", new Reply.Acknowledge(ES, false)),
            Map.entry("HELP", new Reply.Help(EN, true)),
            Map.entry("INFO", new Reply.Help(ANY, true)),
            Map.entry("AYUDA", new Reply.Help(ES, false)),
            Map.entry("STOP", new Reply.OptOut(EN, true)),
            Map.entry("STOPALL", new Reply.OptOut(EN, true)),
            Map.entry("UNSUBSCRIBE", new Reply.OptOut(EN, true)),
            Map.entry("CANCEL", new Reply.OptOut(EN, true)),
            Map.entry("END", new Reply.OptOut(EN, true)),
            Map.entry("QUIT", new Reply.OptOut(EN, true)),
            Map.entry("REVOKE", new Reply.OptOut(EN, true)),
            Map.entry("OPTOUT", new Reply.OptOut(EN, true)),
            Map.entry("PARAR", new Reply.OptOut(ES, false)),
            Map.entry("ALTO", new Reply.OptOut(ES, false)),
            Map.entry("CANCELAR", new Reply.OptOut(ES, false)),
            Map.entry("BAJA", new Reply.OptOut(ES, false)),
            Map.entry("START", new Reply.OptIn(EN, true)),
            Map.entry("UNSTOP", new Reply.OptIn(EN, true)),
            Map.entry("COMENZAR", new Reply.OptIn(ES, false)),
            Map.entry("LEAVE", new Reply.Leave(EN)),
            Map.entry("SALIR", new Reply.Leave(ES)));

    private static final Map<String, Optional<Language>> JOIN = Map.of(
            "JOIN", EN, "UNIRME", ES, "UNIR", ES, "INSCRIBIR", ES);

    private static final Map<String, Function<ShortCode, Reply>> COMMANDS = Map.of(
            "VERIFY", code -> new Reply.Verify(code, EN),
            "VERIFICAR", code -> new Reply.Verify(code, ES),
            "CLAIM", code -> new Reply.Claim(code, EN),
            "TOMAR", code -> new Reply.Claim(code, ES),
            "CONFIRM", code -> new Reply.Confirm(code, EN),
            "CONFIRMAR", code -> new Reply.Confirm(code, ES));

    private ReplyParser() {
    }

    /** What a network's own keyword (a language added as data) means. */
    public enum Meaning { ACKNOWLEDGE, HELP, STOP, VERIFY, JOIN }

    /** A keyword a network added for one of its languages, e.g. "ĐƯỢC" (ACKNOWLEDGE, vi). */
    public record Keyword(Meaning meaning, Language language) {
        public Keyword {
            Checks.required(meaning, "meaning");
            Checks.required(language, "language");
        }
    }

    /**
     * As {@link #parse(String)}, then, for what the built-in words do not know, a network's own keywords (keyed by
     * {@link #normalise(String)}): whole-message words for OK, HELP and STOP, and command words followed by a code for
     * VERIFY and JOIN. The built-in words win, so a network cannot turn "STOP" into anything but an opt-out.
     */
    public static Reply parse(String text, java.util.Map<String, Keyword> networkWords) {
        Reply reply = parse(text);
        if (!(reply instanceof Reply.Unknown) || networkWords.isEmpty()) {
            return reply;
        }
        String words = normalise(text);
        Keyword whole = networkWords.get(words);
        if (whole != null) {
            Optional<Language> language = Optional.of(whole.language());
            switch (whole.meaning()) {
                case ACKNOWLEDGE:
                    return new Reply.Acknowledge(language, false);
                case HELP:
                    return new Reply.Help(language, false);
                case STOP:
                    return new Reply.OptOut(language, false);
                default:
                    break;
            }
        }
        for (java.util.Map.Entry<String, Keyword> entry : networkWords.entrySet()) {
            Meaning meaning = entry.getValue().meaning();
            if ((meaning == Meaning.VERIFY || meaning == Meaning.JOIN) && words.startsWith(entry.getKey() + " ")) {
                String rest = words.substring(entry.getKey().length() + 1);
                Optional<Language> language = Optional.of(entry.getValue().language());
                try {
                    if (meaning == Meaning.VERIFY) {
                        return new Reply.Verify(ShortCode.parse(rest), language);
                    }
                    String code = rest.replaceAll("[\\s-]", "");
                    if (code.matches("[A-Z0-9]{2,16}")) {
                        return new Reply.Join(code, language);
                    }
                } catch (IllegalArgumentException malformedCode) {
                    return reply;
                }
            }
        }
        return reply;
    }

    public static Reply parse(String text) {
        Checks.required(text, "reply text");
        String words = normalise(text);
        Reply keyword = WHOLE_MESSAGE.get(words);
        if (keyword != null) {
            return keyword;
        }
        int space = words.indexOf(' ');
        if (space > 0 && JOIN.containsKey(words.substring(0, space))) {
            String code = words.substring(space + 1).replaceAll("[\\s-]", "");
            return code.matches("[A-Z0-9]{2,16}") ? new Reply.Join(code, JOIN.get(words.substring(0, space)))
                    : new Reply.Unknown(text);
        }
        if (space > 0) {
            Function<ShortCode, Reply> command = COMMANDS.get(words.substring(0, space));
            if (command != null) {
                try {
                    return command.apply(ShortCode.parse(words.substring(space + 1)));
                } catch (IllegalArgumentException malformedCode) {
                    return new Reply.Unknown(text);
                }
            }
        }
        return new Reply.Unknown(text);
    }

    /** Upper case, single spaces, and no leading or trailing punctuation, symbols or emoji. */
    public static String normalise(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetterOrDigit(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
