package org.aviso.gateway.notify.sms;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioKeywordsTest {

    @ParameterizedTest(name = "\"{0}\" with OptOutType \"{1}\" -> Twilio answers: {2}")
    @CsvSource(nullValues = "none", value = {
            "STOP, none, true",
            "' stop ', none, true",
            "StopAll, none, true",
            "unsubscribe, none, true",
            "cancel, none, true",
            "END, none, true",
            "quit, none, true",
            "revoke, none, true",
            "optout, none, true",
            "start, none, true",
            "yes, none, true",
            "unstop, none, true",
            "help, none, true",
            "info, none, true",
            "STOP PLEASE, none, false",
            "OPT OUT, none, false",
            "OK, none, false",
            "SI, none, false",
            "PARAR, none, false",
            "ALTO, none, false",
            "CANCELAR, none, false",
            "BAJA, none, false",
            "COMENZAR, none, false",
            "AYUDA, none, false",
            "PARAR, STOP, true",
            "COMENZAR, START, true",
            "AYUDA, help, true",
            "OK, SOMETHING, false",
            "none, none, false"})
    void knowsWhichKeywordsTwilioAnswersItself(String text, String optOutType, boolean twilioAnswers) {
        assertThat(TwilioInboundController.providerAnswersKeyword(optOutType, text)).isEqualTo(twilioAnswers);
    }

    /** With AVISO_SMS_AVISO_ANSWERS_HELP (Twilio's HELP reply cleared), HELP and INFO are Aviso's to answer. */
    @ParameterizedTest(name = "\"{0}\" with OptOutType \"{1}\" is a help keyword: {2}")
    @CsvSource(nullValues = "none", value = {
            "help, none, true",
            "' Info ', none, true",
            "AYUDA, HELP, true",
            "STOP, none, false",
            "HELP, STOP, false",
            "HELP ME, none, false"})
    void knowsWhichMessagesAreHelpForAvisoToAnswer(String text, String optOutType, boolean help) {
        assertThat(TwilioInboundController.isHelp(optOutType, text)).isEqualTo(help);
    }
}
