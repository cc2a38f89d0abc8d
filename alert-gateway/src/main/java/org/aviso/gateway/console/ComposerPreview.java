package org.aviso.gateway.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.RenderRequest;
import org.aviso.gateway.alert.ChosenSteps;
import org.aviso.gateway.alert.LanguagePlan;
import org.aviso.core.render.RenderedMessage;
import org.aviso.core.render.SmsSegments;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.Templates;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.stereotype.Component;

/**
 * What an alert would look like before it is sent: who it reaches (by tier and by first channel), how many
 * confirmations it needs, and its text in every language of the network on Signal and SMS, with the SMS segment
 * count. The code in a preview is a sample; the real alert gets its own when it is composed.
 */
@Component
class ComposerPreview {

    static final int SEGMENT_WARNING = SmsSegments.ALERT_LIMIT;

    private final TreeStore tree;
    private final Templates templates;
    private final PublicUrls urls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ComposerPreview(TreeStore tree, Templates templates, PublicUrls urls, Clock clock) {
        this.tree = tree;
        this.templates = templates;
        this.urls = urls;
        this.clock = clock;
    }

    record Counts(int total, Map<Tier, Integer> byTier, Map<Channel, Integer> byChannel, int unreachable,
            AudienceScope scope, int quorumNeeded) {
    }

    record Message(String language, Channel channel, String text, int segments, String encoding, boolean tooLong,
            boolean fellBackToEnglish) {
    }

    record Preview(Counts counts, List<Message> messages, boolean anyTooLong) {

        Preview withWarning() {
            return new Preview(counts, messages, messages.stream().anyMatch(Message::tooLong));
        }
    }

    Counts counts(NetworkRecord network, AlertKind kind, Set<GroupId> groups) {
        if (groups.isEmpty()) {
            return counts(network, Audience.of(List.of()));
        }
        Audience audience = tree.tree(network.network().id()).audienceFor(kind, groups);
        return counts(network, audience);
    }

    static Counts counts(NetworkRecord network, Audience audience) {
        return new Counts(audience.size(), audience.countsByTier(), audience.countsByPreferredChannel(),
                audience.unreachableCount(), audience.scope(), network.network().quorum().needed(audience.scope()));
    }

    /** A new alert of this kind, as the composer would send it. */
    Preview compose(AvisoPrincipal user, NetworkRecord network, AlertKind kind, Optional<SiteId> site,
            Set<GroupId> groups, String instructions) {
        return compose(user, network, kind, site, groups, instructions, ChosenSteps.none());
    }

    /** The same, with steps picked from the site's safety plan: each language shows them in its own words. */
    Preview compose(AvisoPrincipal user, NetworkRecord network, AlertKind kind, Optional<SiteId> site,
            Set<GroupId> groups, String instructions, ChosenSteps steps) {
        return compose(user, network, kind, site, groups, instructions, steps, LanguagePlan.none());
    }

    /**
     * The same, with the dispatcher's words per language: each language shows its own text, or what was chosen for
     * it, exactly as {@code AlertService} will send it.
     */
    Preview compose(AvisoPrincipal user, NetworkRecord network, AlertKind kind, Optional<SiteId> site,
            Set<GroupId> groups, String instructions, ChosenSteps steps, LanguagePlan plan) {
        Alert sample = Alert.initial(AlertId.random(), network.network().id(), Optional.empty(), kind, sender(user),
                clock.instant(), network.network().incidentExpiry(), ShortCode.generate(random));
        return new Preview(counts(network, kind, groups), messages(network, sample, site, instructions, steps, plan)
                .messages(), false).withWarning();
    }

    /** An alert already composed (awaiting approval): what the approver is asked to confirm, with its real code. */
    Preview existing(NetworkRecord network, Alert alert, Optional<SiteId> site, Set<GroupId> groups,
            String instructions) {
        return existing(network, alert, site, groups, instructions, ChosenSteps.none(), LanguagePlan.none());
    }

    /** The same, with the steps and the texts per language the alert was composed with. */
    Preview existing(NetworkRecord network, Alert alert, Optional<SiteId> site, Set<GroupId> groups,
            String instructions, ChosenSteps steps, LanguagePlan plan) {
        return new Preview(counts(network, alert.kind(), groups), messages(network, alert, site, instructions,
                steps, plan).messages(), false).withWarning();
    }

    /**
     * A follow-up already composed (awaiting approval), with its real code, counted by whom the alert it follows
     * reached: an UPDATE, ALL_CLEAR or FALSE_ALARM has no audience of its own to resolve from groups.
     */
    Preview existingFollowUp(NetworkRecord network, Alert followUp, Optional<SiteId> site, Counts reached,
            String instructions) {
        return new Preview(reached, messages(network, followUp, site, instructions, ChosenSteps.none(),
                LanguagePlan.none()).messages(),
                false).withWarning();
    }

    /** A follow-up of {@code original}, to the recipients it already reached. */
    Preview followUp(AvisoPrincipal user, NetworkRecord network, Alert original, AlertKind kind, Optional<SiteId> site,
            Counts reached, String instructions) {
        Alert sample = Alert.followUp(original, AlertId.random(), kind, sender(user), clock.instant(),
                network.network().incidentExpiry(), ShortCode.generate(random));
        return new Preview(reached, messages(network, sample, site, instructions, ChosenSteps.none(),
                LanguagePlan.none()).messages(),
                false).withWarning();
    }

    private Preview messages(NetworkRecord network, Alert alert, Optional<SiteId> site, String instructions,
            ChosenSteps steps, LanguagePlan plan) {
        NetworkId id = network.network().id();
        String siteName = site.flatMap(s -> tree.site(id, s)).map(s -> s.name()).orElse(network.network().name());
        AlertRenderer renderer = templates.renderer(id);
        List<Message> messages = new ArrayList<>();
        for (Language language : network.network().languages()) {
            ChosenSteps.RenderTexts texts = steps.with(plan.isEmpty() ? instructions : plan.textFor(language),
                    language);
            RenderRequest request = new RenderRequest(alert, siteName, network.network().name(), texts.full(),
                    texts.shortForm(), urls.alertCheck(alert.code().value()), network.zone());
            for (Channel channel : Channel.values()) {
                RenderedMessage rendered = renderer.render(request, language, channel);
                int segments = rendered.segments().segments();
                messages.add(new Message(language.tag(), channel, rendered.text(), segments,
                        rendered.segments().encoding().name(), channel == Channel.SMS && segments > SEGMENT_WARNING,
                        rendered.fellBackToEnglish()));
            }
        }
        return new Preview(null, messages, false);
    }

    private static PersonId sender(AvisoPrincipal user) {
        return user.personId() != null ? new PersonId(user.personId()) : new PersonId(user.id());
    }

    /** Only groups of the caller's network may be chosen. */
    Set<GroupId> ownGroups(NetworkId network, Set<java.util.UUID> chosen) {
        Set<GroupId> own = new java.util.LinkedHashSet<>();
        for (java.util.UUID id : chosen) {
            own.add(tree.group(network, new GroupId(id)).orElseThrow(NotInNetworkException::new).id());
        }
        return own;
    }
}
