package org.aviso.gateway.help;

import java.util.Optional;
import java.util.UUID;

import org.aviso.core.reply.Reply;
import org.aviso.gateway.reply.InboundRoute;
import org.aviso.gateway.tree.PersonDetails;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * HELP / AYUDA from someone in the tree: the answer is their site's mutual-aid resources in their language, and if an
 * alert reached them in the last day it also opens a help request (which pages the site's mutual-aid contacts). Taken
 * before the keywords, so the handler's generic help text is only for senders Aviso does not know. When Twilio has
 * answered the keyword itself, the request still opens but nothing more is sent back (a person never gets two
 * replies; see docs/twilio-help-keyword.md for letting Aviso answer).
 */
@Component
@Order(0)
class HelpRoute implements InboundRoute {

    private final HelpAnswers answers;
    private final HelpRequests requests;

    HelpRoute(HelpAnswers answers, HelpRequests requests) {
        this.answers = answers;
        this.requests = requests;
    }

    @Override
    public Phase phase() {
        return Phase.BEFORE_KEYWORDS;
    }

    @Override
    public Optional<Answer> take(Inbound message) {
        if (!(message.parsed() instanceof Reply.Help) || message.senders().isEmpty()) {
            return Optional.empty();
        }
        boolean opened = false;
        for (PersonDetails sender : message.senders()) {
            UUID inbound = message.inboundIds().get(sender.person().id());
            HelpRequests.Opened result = requests.openIfAfterAlert(sender, inbound, message.raw().channel());
            opened |= result != HelpRequests.Opened.NO_RECENT_ALERT;
        }
        String interpretation = opened ? "HELP_REQUEST" : "HELP";
        if (message.raw().providerAnswersKeyword()) {
            return Optional.of(Answer.silently(interpretation));
        }
        String text = answers.answer(message.senders(), message.language());
        if (opened) {
            text = answers.text("help.requestOpened", message.language()) + " " + text;
        }
        return Optional.of(Answer.reply(text, interpretation));
    }
}
