package org.aviso.gateway.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.tree.Tier;

/**
 * A short text to named people of one network, outside an alert or a page. It goes through the outbox like an
 * alert (see {@link DirectMessages}).
 *
 * @param network the network the people belong to; people of another network are skipped
 * @param purpose why it is sent, which also sets how urgently it is sent
 * @param about   what it concerns, for finding it again ({@code "alert:<id>"}, {@code "inbound:<id>"}); never
 *                contact data or message text
 * @param sentBy  the account that sent it, or empty when Aviso sends it by itself
 * @param texts   the text per language, already rendered; English is required and is what a person whose language
 *                is missing here receives
 * @param people  who receives it, each at most once
 * @param route   which channels it may use: {@link ChannelPolicy#SIGNAL_THEN_SMS} (the usual), or
 *                {@link ChannelPolicy#SIGNAL_ONLY} / {@link ChannelPolicy#SMS_ONLY} to answer on the channel a
 *                person wrote from
 */
public record DirectMessage(NetworkId network, Purpose purpose, String about, Optional<UUID> sentBy,
        Map<Language, String> texts, List<PersonId> people, ChannelPolicy route) {

    /** Why a direct message is sent. Stored by name. */
    public enum Purpose {
        /** To an account's owner and the administrators: something happened to the account. */
        ACCOUNT_NOTICE(Tier.DISPATCH_AND_NETWORK),
        /** To dispatchers who may approve: an alert waits for them. */
        APPROVAL_REQUEST(Tier.DISPATCH_AND_NETWORK),
        /** To a site's mutual-aid contacts: a family asked for help. */
        HELP_REQUEST(Tier.DISPATCH_AND_NETWORK),
        /** A dispatcher's answer to what someone wrote to Aviso. */
        INBOX_ANSWER(Tier.FAMILIES),
        /** A dispatcher's message to the person who made a report. */
        REPORTER_CALLBACK(Tier.SITE_LEADS),
        /** An administrator's test of a group's reachability. */
        TEST_MESSAGE(Tier.FAMILIES),
        /** A step of a family's self-enrolment conversation (JOIN / UNIRME), or its welcome. */
        ENROLMENT(Tier.FAMILIES),
        /** The answer to someone who sent a report by message: its code, in their language. */
        REPORT_RECEIPT(Tier.SITE_LEADS);

        private final Tier tier;

        Purpose(Tier tier) {
            this.tier = tier;
        }

        /** The fan-out tier whose place in the queue this message takes. */
        public Tier tier() {
            return tier;
        }
    }

    public DirectMessage {
        if (network == null || purpose == null || about == null || sentBy == null || texts == null || people == null
                || route == null) {
            throw new IllegalArgumentException("a direct message needs every field (use Optional.empty() for sentBy)");
        }
        if (route == ChannelPolicy.SIGNAL_AND_SMS) {
            throw new IllegalArgumentException("a direct message goes on one channel at a time, never both at once");
        }
        if (!texts.containsKey(Language.ENGLISH)) {
            throw new IllegalArgumentException("a direct message needs an English text, for people whose language it lacks");
        }
        texts.forEach((language, text) -> {
            if (language == null || text == null || text.isBlank()) {
                throw new IllegalArgumentException("every text of a direct message must say something");
            }
        });
        if (people.isEmpty() || people.stream().anyMatch(p -> p == null)) {
            throw new IllegalArgumentException("a direct message needs at least one person");
        }
        texts = Map.copyOf(new LinkedHashMap<>(texts));
        people = people.stream().distinct().toList();
    }

    /** A message to people over Signal first, SMS if Signal cannot carry it, with nobody named as its sender. */
    public static DirectMessage of(NetworkId network, Purpose purpose, String about, Map<Language, String> texts,
            List<PersonId> people) {
        return new DirectMessage(network, purpose, about, Optional.empty(), texts, people, ChannelPolicy.SIGNAL_THEN_SMS);
    }

    public DirectMessage sentBy(UUID account) {
        return new DirectMessage(network, purpose, about, Optional.of(account), texts, people, route);
    }

    public DirectMessage via(ChannelPolicy channels) {
        return new DirectMessage(network, purpose, about, sentBy, texts, people, channels);
    }

    @Override
    public String toString() {
        return "DirectMessage[" + purpose + ", " + people.size() + " people, languages " + texts.keySet() + "]";
    }
}
