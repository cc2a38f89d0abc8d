package org.aviso.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.security.AccountHeld;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells an account's owner and the administrators, on Signal (SMS as fallback), in each one's language, that the
 * account was held because its passphrase came with wrong codes. Runs inside the sign-in's transaction, so the
 * notice is sent only once the hold has committed.
 */
@Component
class AccountHeldNotice {

    private final DirectMessages messages;
    private final MessageSource texts;

    AccountHeldNotice(DirectMessages messages, MessageSource texts) {
        this.messages = messages;
        this.texts = texts;
    }

    @EventListener
    void held(AccountHeld held) {
        if (held.people().isEmpty()) {
            return; // nobody to tell on a phone: the audit log and the administration page still show the hold
        }
        Map<Language, String> byLanguage = new LinkedHashMap<>();
        for (Language language : List.of(Language.ENGLISH, Language.SPANISH)) {
            byLanguage.put(language, texts.getMessage("notice.accountHeld",
                    new Object[] {held.username(), held.hold().toMinutes(), held.wrongCodes()},
                    Locale.forLanguageTag(language.tag())));
        }
        messages.send(DirectMessage.of(new NetworkId(held.networkId()), DirectMessage.Purpose.ACCOUNT_NOTICE,
                "user:" + held.accountId(), byLanguage, held.people().stream().map(PersonId::new).toList()));
    }
}
