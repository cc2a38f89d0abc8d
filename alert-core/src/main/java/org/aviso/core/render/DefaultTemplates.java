package org.aviso.core.render;

import static org.aviso.core.alert.AlertKind.ADVISORY;
import static org.aviso.core.alert.AlertKind.ALL_CLEAR;
import static org.aviso.core.alert.AlertKind.DRILL;
import static org.aviso.core.alert.AlertKind.FALSE_ALARM;
import static org.aviso.core.alert.AlertKind.UPDATE;
import static org.aviso.core.alert.AlertKind.VERIFIED;
import static org.aviso.core.common.Channel.SIGNAL;
import static org.aviso.core.common.Channel.SMS;

import java.util.LinkedHashMap;
import java.util.Map;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;

/**
 * The built-in English and Spanish texts. They tell people what to do (safety plan, pick-up plan, their rights) and
 * never where officers are or how to follow them.
 *
 * <p>The Spanish SMS texts are written without á, í, ó, ú (ñ and é are fine): any of those four would switch the whole
 * message to UCS-2 and halve what fits in a segment. They avoid such words rather than misspell them ("operativo
 * migratorio", "clave"), so they stay correct Spanish in GSM-7.
 *
 * <p>Every SMS text carries {@code {instructions}} right after the headline, so the dispatcher's steps are read
 * first, and keeps its fixed words short so the steps fit in two segments; all but the ADVISORY (for verifiers only,
 * never to be passed on) end with the check link, whose page shows the whole instructions and the site's resources.
 * The generic "follow your safety plan" lines are left to Signal: the steps on SMS are the site's own plan.
 */
final class DefaultTemplates {

    private DefaultTemplates() {
    }

    static Map<TemplateKey, MessageTemplate> all() {
        Map<TemplateKey, MessageTemplate> t = new LinkedHashMap<>();
        Language en = Language.ENGLISH;
        Language es = Language.SPANISH;

        put(t, ADVISORY, en, SIGNAL, "Aviso {network}: UNVERIFIED report near {site} at {time}. For dispatchers and "
                + "verifiers only. Do not share it until it is verified. {instructions} Code {code}");
        put(t, ADVISORY, en, SMS, "Aviso {network}: UNVERIFIED report near {site} at {time}. Verifiers only, do not "
                + "share. {instructions} Code {code}");
        put(t, ADVISORY, es, SIGNAL, "Aviso {network}: reporte SIN VERIFICAR cerca de {site} a las {time}. Solo para "
                + "el equipo de despacho y verificación. No lo comparta hasta que se confirme. {instructions} "
                + "Código {code}");
        put(t, ADVISORY, es, SMS, "Aviso {network}: reporte SIN VERIFICAR cerca de {site} a las {time}. Solo para "
                + "quien verifica, no lo comparta. {instructions} Clave {code}");

        put(t, VERIFIED, en, SIGNAL, "Aviso {network}: CONFIRMED immigration enforcement activity near {site} at "
                + "{time}. Stay calm and follow your safety plan and your pick-up plan. Know your rights: you do not "
                + "have to open the door or answer questions. {instructions} Check this alert at {verifyUrl} with "
                + "code {code}. Reply OK once you have read it.");
        put(t, VERIFIED, en, SMS, "Aviso {network}: CONFIRMED immigration enforcement near {site} at {time}. "
                + "{instructions} Steps and help: {verifyUrl} Code {code}. Reply OK");
        put(t, VERIFIED, es, SIGNAL, "Aviso {network}: actividad de inmigración CONFIRMADA cerca de {site} a las "
                + "{time}. Mantenga la calma y siga su plan de seguridad y su plan para recoger a los niños. Conozca "
                + "sus derechos: no tiene que abrir la puerta ni contestar preguntas. {instructions} Verifique esta "
                + "alerta en {verifyUrl} con el código {code}. Responda OK cuando la haya leído.");
        put(t, VERIFIED, es, SMS, "Aviso {network}: operativo migratorio CONFIRMADO cerca de {site} a las {time}. "
                + "{instructions} Pasos y ayuda: {verifyUrl} Clave {code}. Responda OK");

        put(t, UPDATE, en, SIGNAL, "Aviso {network} UPDATE for {site} ({time}): {instructions} Keep following your "
                + "safety plan. Check at {verifyUrl} with code {code}.");
        put(t, UPDATE, en, SMS, "Aviso {network} UPDATE {site} {time}: {instructions} More: {verifyUrl} Code {code}");
        put(t, UPDATE, es, SIGNAL, "Aviso {network} ACTUALIZACIÓN para {site} ({time}): {instructions} Siga con su "
                + "plan de seguridad. Verifique en {verifyUrl} con el código {code}.");
        put(t, UPDATE, es, SMS, "Aviso {network} NOVEDADES {site} {time}: {instructions} Detalles: {verifyUrl} "
                + "Clave {code}");

        put(t, ALL_CLEAR, en, SIGNAL, "Aviso {network}: ALL CLEAR at {site} ({time}). The activity has ended. You can "
                + "return to normal routines; pick-up as usual. {instructions} Check at {verifyUrl} with code {code}.");
        put(t, ALL_CLEAR, en, SMS, "Aviso {network}: ALL CLEAR at {site} ({time}). The activity has ended. "
                + "{instructions} More: {verifyUrl} Code {code}");
        put(t, ALL_CLEAR, es, SIGNAL, "Aviso {network}: TODO DESPEJADO en {site} ({time}). La actividad terminó. "
                + "Puede volver a la rutina normal; la salida es como siempre. {instructions} Verifique en "
                + "{verifyUrl} con el código {code}.");
        put(t, ALL_CLEAR, es, SMS, "Aviso {network}: TODO DESPEJADO en {site} ({time}). Ya no hay actividad. "
                + "{instructions} Detalles: {verifyUrl} Clave {code}");

        put(t, FALSE_ALARM, en, SIGNAL, "Aviso {network}: FALSE ALARM. The earlier alert about {site} was not "
                + "correct; there is no enforcement activity. Please return to normal routines. {instructions} "
                + "Check at {verifyUrl} with code {code}.");
        put(t, FALSE_ALARM, en, SMS, "Aviso {network}: FALSE ALARM. The earlier alert about {site} was not correct. "
                + "{instructions} More: {verifyUrl} Code {code}");
        put(t, FALSE_ALARM, es, SIGNAL, "Aviso {network}: FALSA ALARMA. La alerta anterior sobre {site} no era "
                + "correcta; no hay actividad de inmigración. Por favor, vuelva a la rutina normal. {instructions} "
                + "Verifique en {verifyUrl} con el código {code}.");
        put(t, FALSE_ALARM, es, SMS, "Aviso {network}: FALSA ALARMA. La alerta anterior sobre {site} no era "
                + "correcta. {instructions} Detalles: {verifyUrl} Clave {code}");

        put(t, DRILL, en, SIGNAL, "Aviso {network}: practice alert for {site} at {time}. This is only a drill: "
                + "practise your safety plan and your pick-up plan. {instructions} Reply OK so we know it reached "
                + "you. Code {code}");
        put(t, DRILL, en, SMS, "Aviso {network}: practice for {site}, only a drill. {instructions} Steps: {verifyUrl} "
                + "Reply OK. Code {code}");
        put(t, DRILL, es, SIGNAL, "Aviso {network}: alerta de práctica para {site} a las {time}. Es solo un "
                + "simulacro: practique su plan de seguridad y su plan para recoger a los niños. {instructions} "
                + "Responda OK para saber que le llegó. Código {code}");
        put(t, DRILL, es, SMS, "Aviso {network}: solo un simulacro para {site}. {instructions} Pasos: {verifyUrl} "
                + "Responda OK. Clave {code}");
        return t;
    }

    static Map<Language, String> drillMarkers() {
        return Map.of(Language.ENGLISH, "[DRILL]", Language.SPANISH, "[SIMULACRO]");
    }

    private static void put(Map<TemplateKey, MessageTemplate> t, AlertKind kind, Language language, Channel channel,
            String text) {
        t.put(new TemplateKey(kind, language, channel), new MessageTemplate(text));
    }
}
