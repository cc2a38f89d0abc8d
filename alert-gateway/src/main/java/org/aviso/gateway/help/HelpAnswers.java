package org.aviso.gateway.help;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.aviso.core.common.Language;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The answer to HELP / AYUDA: the site's mutual-aid resources (kind, name, how to reach, hours) in the person's
 * language, those that speak it first, from the site profile in force. A site without resources answers with its own
 * help text if it has one, else with what Aviso is and how to answer.
 */
@Component
public class HelpAnswers {

    /** An answer this long still fits one TwiML reply and reads on a phone; resources past it are left out. */
    static final int MAX_LENGTH = 900;

    private final SiteProfiles profiles;
    private final TreeStore tree;
    private final MessageSource messages;
    private final Clock clock;

    HelpAnswers(SiteProfiles profiles, TreeStore tree, MessageSource messages, Clock clock) {
        this.profiles = profiles;
        this.tree = tree;
        this.messages = messages;
        this.clock = clock;
    }

    public String answer(List<PersonDetails> people, Language language) {
        for (PersonDetails person : people) {
            if (person.site().isEmpty()) {
                continue;
            }
            SiteProfile profile = profiles.inForce(person.person().network(), person.site().get(), clock.instant());
            Optional<String> resources = resources(profile, language,
                    tree.site(person.person().network(), person.site().get()).map(s -> s.name()).orElse(""));
            if (resources.isPresent()) {
                return resources.get();
            }
            Optional<String> own = tree.helpText(person.site().get(), language)
                    .or(() -> tree.helpText(person.site().get(), Language.ENGLISH));
            if (own.isPresent()) {
                return own.get();
            }
        }
        return text("reply.help", language);
    }

    Optional<String> resources(SiteProfile profile, Language language, String siteName) {
        List<SiteProfile.Resource> resources = new ArrayList<>(profile.resources());
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        // the ones that speak the reader's language first; otherwise the administrator's order
        resources.sort(Comparator.comparing(r -> !r.spoken().contains(language.tag())
                && !r.spoken().contains(language.primary().tag())));
        StringBuilder answer = new StringBuilder(text("help.resources.intro", language, siteName));
        String ending = " " + text("help.resources.ending", language);
        for (SiteProfile.Resource resource : resources) {
            String name = resource.name(language).isBlank() ? resource.name(Language.ENGLISH) : resource.name(language);
            String hours = resource.hours(language).isBlank() ? resource.hours(Language.ENGLISH) : resource.hours(language);
            String kind = resource.kind() == null ? "" : text("profile.kind." + resource.kind().name(), language);
            String item = " " + (hours.isBlank() ? text("help.resources.item", language, kind, name, resource.reach())
                    : text("help.resources.itemHours", language, kind, name, resource.reach(), hours));
            if (answer.length() + item.length() + ending.length() > MAX_LENGTH) {
                break;
            }
            answer.append(item);
        }
        return Optional.of(answer.append(ending).toString());
    }

    String text(String key, Language language, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(language.primary().tag()));
    }
}
