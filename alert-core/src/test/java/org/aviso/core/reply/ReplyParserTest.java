package org.aviso.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.aviso.core.common.Language;
import org.aviso.core.common.ShortCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    private static final ShortCode CODE = new ShortCode("ABCD2345");

    @ParameterizedTest
    @ValueSource(strings = {"OK", "ok", " Ok ", "Ok!", "OK 👍", "1", "yes", "Y", "si", "SÍ", "Sí", "¡Sí!", "sí.",
            "Recibido", "recibida", "ENTERADO", "Entendido", "ack", "Got it", "got  it!!", "okay"})
    void recognisesAcknowledgements(String text) {
        assertThat(ReplyParser.parse(text)).isInstanceOf(Reply.Acknowledge.class);
    }

    @Test
    void guessesTheLanguageFromTheKeyword() {
        assertThat(ReplyParser.parse("Recibido").language()).contains(Language.SPANISH);
        assertThat(ReplyParser.parse("got it").language()).contains(Language.ENGLISH);
        assertThat(ReplyParser.parse("OK").language()).isEmpty();
        assertThat(ReplyParser.parse("verificar ABCD-2345").language()).contains(Language.SPANISH);
    }

    @Test
    void aBareYesIsAnAcknowledgementThatTwilioAlsoTreatsAsOptIn() {
        assertThat(ReplyParser.parse("YES")).isEqualTo(new Reply.Acknowledge(Optional.of(Language.ENGLISH), true));
        assertThat(ReplyParser.parse("SI")).isEqualTo(new Reply.Acknowledge(Optional.of(Language.SPANISH), false));
    }

    @Test
    void readsVerificationRequestsWithCodesAsPeopleTypeThem() {
        assertThat(ReplyParser.parse("VERIFY ABCD-2345")).isEqualTo(new Reply.Verify(CODE,
                Optional.of(Language.ENGLISH)));
        assertThat(ReplyParser.parse("verify abcd 2345")).extracting(r -> ((Reply.Verify) r).code()).isEqualTo(CODE);
        assertThat(ReplyParser.parse("Verificar abcd-2345.")).extracting(r -> ((Reply.Verify) r).code())
                .isEqualTo(CODE);
    }

    @Test
    void readsDispatcherCommands() {
        assertThat(ReplyParser.parse("CLAIM ABCD-2345")).isEqualTo(new Reply.Claim(CODE,
                Optional.of(Language.ENGLISH)));
        assertThat(ReplyParser.parse("tomar abcd2345")).isEqualTo(new Reply.Claim(CODE,
                Optional.of(Language.SPANISH)));
        assertThat(ReplyParser.parse("confirm ABCD-2345")).isInstanceOf(Reply.Confirm.class);
        assertThat(ReplyParser.parse("CONFIRMAR ABCD-2345")).isEqualTo(new Reply.Confirm(CODE,
                Optional.of(Language.SPANISH)));
        assertThat(new Reply.Claim(CODE).language()).isEmpty();
        assertThat(new Reply.Confirm(CODE).language()).isEmpty();
        assertThat(new Reply.Verify(CODE).language()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VERIFY", "VERIFY ABCD-234", "VERIFY ABCD-0345", "CLAIM OOOO-1111", "CONFIRM now"})
    void aMalformedCodeIsUnknownNeverAGuess(String text) {
        assertThat(ReplyParser.parse(text)).isInstanceOf(Reply.Unknown.class);
    }

    @Test
    void recognisesHelpAndWhetherTwilioAlreadyAnswered() {
        assertThat(ReplyParser.parse("help")).isEqualTo(new Reply.Help(Optional.of(Language.ENGLISH), true));
        assertThat(ReplyParser.parse("INFO")).isEqualTo(new Reply.Help(Optional.empty(), true));
        assertThat(ReplyParser.parse("Ayuda")).isEqualTo(new Reply.Help(Optional.of(Language.SPANISH), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
    void twilioAnswersItsEnglishOptOutKeywords(String text) {
        assertThat(ReplyParser.parse(text)).isEqualTo(new Reply.OptOut(Optional.of(Language.ENGLISH), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARAR", "alto", "Cancelar", "BAJA"})
    void ourSpanishOptOutKeywordsAreOursToAnswer(String text) {
        assertThat(ReplyParser.parse(text)).isEqualTo(new Reply.OptOut(Optional.of(Language.SPANISH), false));
    }

    @Test
    void optOutCountsOnlyAsTheWholeMessage() {
        assertThat(ReplyParser.parse("STOP PLEASE")).isInstanceOf(Reply.Unknown.class);
        assertThat(ReplyParser.parse("please stop")).isInstanceOf(Reply.Unknown.class);
    }

    @Test
    void recognisesOptIn() {
        assertThat(ReplyParser.parse("START")).isEqualTo(new Reply.OptIn(Optional.of(Language.ENGLISH), true));
        assertThat(ReplyParser.parse("unstop")).isInstanceOf(Reply.OptIn.class);
        assertThat(ReplyParser.parse("Comenzar")).isEqualTo(new Reply.OptIn(Optional.of(Language.SPANISH), false));
    }

    @Test
    void anythingElseIsUnknownAndNeverPrinted() {
        Reply reply = ReplyParser.parse("Is my son's school safe? Call me at 415 555 0142");

        assertThat(reply).isInstanceOf(Reply.Unknown.class);
        assertThat(reply.language()).isEmpty();
        assertThat(reply.toString()).doesNotContain("415").doesNotContain("son");
        assertThat(ReplyParser.parse("🙏")).isInstanceOf(Reply.Unknown.class);
        assertThat(ReplyParser.parse("")).isInstanceOf(Reply.Unknown.class);
    }

    @Test
    void joinAndUnirmeCarryTheSiteCodeAndTheirLanguage() {
        assertThat(ReplyParser.parse("join linc1")).isEqualTo(new Reply.Join("LINC1", Optional.of(Language.ENGLISH)));
        assertThat(ReplyParser.parse("¡Unirme LINC-1!")).isEqualTo(new Reply.Join("LINC1", Optional.of(Language.SPANISH)));
        assertThat(ReplyParser.parse("JOIN")).isInstanceOf(Reply.Unknown.class);
        assertThat(ReplyParser.parse("JOIN the meeting at the library please")).isInstanceOf(Reply.Unknown.class);
    }

    @Test
    void leaveAndSalirCountOnlyAsTheWholeMessage() {
        assertThat(ReplyParser.parse("Leave")).isEqualTo(new Reply.Leave(Optional.of(Language.ENGLISH)));
        assertThat(ReplyParser.parse("salir.")).isEqualTo(new Reply.Leave(Optional.of(Language.SPANISH)));
        assertThat(ReplyParser.parse("salir de la escuela")).isInstanceOf(Reply.Unknown.class);
    }

    @Test
    void aNetworksOwnWordsForALanguageAddedAsDataAreUnderstoodButCannotRedefineBuiltInOnes() {
        Language vi = Language.of("vi");
        java.util.Map<String, ReplyParser.Keyword> words = java.util.Map.of(
                "ĐƯỢC", new ReplyParser.Keyword(ReplyParser.Meaning.ACKNOWLEDGE, vi),
                "GIÚP", new ReplyParser.Keyword(ReplyParser.Meaning.HELP, vi),
                "DỪNG", new ReplyParser.Keyword(ReplyParser.Meaning.STOP, vi),
                "XÁC MINH", new ReplyParser.Keyword(ReplyParser.Meaning.VERIFY, vi),
                "THAM GIA", new ReplyParser.Keyword(ReplyParser.Meaning.JOIN, vi),
                "STOP", new ReplyParser.Keyword(ReplyParser.Meaning.ACKNOWLEDGE, vi));

        assertThat(ReplyParser.parse("được!", words)).isEqualTo(new Reply.Acknowledge(java.util.Optional.of(vi), false));
        assertThat(ReplyParser.parse(" Giúp ", words)).isEqualTo(new Reply.Help(java.util.Optional.of(vi), false));
        assertThat(ReplyParser.parse("dừng", words)).isEqualTo(new Reply.OptOut(java.util.Optional.of(vi), false));
        assertThat(ReplyParser.parse("xác minh ABCD-2345", words)).isInstanceOf(Reply.Verify.class);
        assertThat(ReplyParser.parse("tham gia linc1", words)).isEqualTo(new Reply.Join("LINC1", java.util.Optional.of(vi)));
        assertThat(ReplyParser.parse("STOP", words)).as("built-in words win").isInstanceOf(Reply.OptOut.class);
        assertThat(ReplyParser.parse("được rồi cảm ơn", words)).as("only the whole message").isInstanceOf(Reply.Unknown.class);
        assertThat(ReplyParser.parse("được", java.util.Map.of())).isInstanceOf(Reply.Unknown.class);
    }
}
