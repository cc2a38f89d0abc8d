package org.aviso.gateway.alert;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.aviso.core.alert.Alert;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Role;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the dispatchers who may approve an alert that it waits for them, over Signal (SMS if Signal cannot carry
 * it): "an alert for Lincoln Elementary waits for a second approval: open the console". The message only points to
 * the console; approving is done there, signed in, never by replying. Once the alert is sent, rejected or withdrawn,
 * what has not left yet is cancelled.
 */
@Component
class ApprovalRequests {

    private final DirectMessages direct;
    private final TreeStore tree;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final AuditLog audit;

    ApprovalRequests(DirectMessages direct, TreeStore tree, MessageSource messages, PublicUrls urls, AuditLog audit) {
        this.direct = direct;
        this.tree = tree;
        this.messages = messages;
        this.urls = urls;
        this.audit = audit;
    }

    static String about(AlertId alert) {
        return "alert:" + alert.value();
    }

    /** Asks every dispatcher of the network except those who approved already; written in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void request(NetworkRecord network, Alert alert, Optional<SiteId> site, Collection<PersonId> approvedAlready,
            String actor) {
        NetworkId id = network.network().id();
        List<PersonId> approvers = tree.dispatchersAndCoordinators(id).stream()
                .filter(p -> p.person().hasRole(Role.DISPATCHER))
                .map(p -> p.person().id())
                .filter(p -> !approvedAlready.contains(p))
                .toList();
        if (approvers.isEmpty()) {
            return;
        }
        String siteName = site.flatMap(s -> tree.site(id, s)).map(s -> s.name()).orElse(network.network().name());
        String link = urls.path("/console/alerts/" + alert.id().value());
        Map<Language, String> texts = new LinkedHashMap<>();
        for (Language language : List.of(Language.ENGLISH, Language.SPANISH)) {
            Locale locale = Locale.forLanguageTag(language.tag());
            String kind = messages.getMessage("approval.request.kind." + alert.kind(), null, locale);
            texts.put(language, messages.getMessage(alert.exercise() ? "approval.request.drill" : "approval.request",
                    new Object[] {kind, siteName, link}, locale));
        }
        direct.send(DirectMessage.of(id, DirectMessage.Purpose.APPROVAL_REQUEST, about(alert.id()), texts, approvers));
        audit.record(id.value(), actor, AuditAction.APPROVAL_REQUESTED, "alert:" + alert.id().value(),
                "approvers=" + approvers.size());
    }

    /** The alert no longer waits: stop the requests that have not left. */
    @Transactional(propagation = Propagation.MANDATORY)
    void cancel(NetworkId network, AlertId alert) {
        for (UUID message : direct.about(network, about(alert))) {
            direct.cancel(message);
        }
    }
}
