package org.aviso.gateway.reply;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.reply.Reply;
import org.aviso.core.reply.ReplyParser;
import org.aviso.core.report.LifecycleException;
import org.aviso.core.tree.Role;
import org.aviso.gateway.delivery.OutboxChanges;
import org.aviso.gateway.alert.AlertCheck;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.aviso.gateway.languages.NetworkLanguages;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.notify.ReplyReceiver;
import org.aviso.gateway.page.PageService;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.security.RateLimits;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.Times;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Aviso does with a message someone sends it, the same for Signal and SMS: acknowledgements (OK, 1, SI…)
 * stop escalation for that person; VERIFY checks an alert's code; HELP sends the site's help text; opt-out and
 * opt-in keywords are recorded; CLAIM and CONFIRM are accepted only from enrolled dispatchers. Answers are in
 * the sender's language.
 */
@Component
public class ReplyHandler implements ReplyReceiver {

    private final OutboxChanges outbox;

    static final FieldRef BODY = FieldRef.of("inbound_message", "body_ct");

    private final JdbcClient jdbc;
    private final TreeStore tree;
    private final BlindIndex blindIndex;
    private final FieldCipher cipher;
    private final AlertCheck alertCheck;
    private final AlertService alerts;
    private final ReportService reports;
    private final PageService pages;
    private final RateLimits limits;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final List<InboundRoute> routes;
    private final Times times;
    private final NetworkLanguages languages;

    public ReplyHandler(JdbcClient jdbc, TreeStore tree, BlindIndex blindIndex, FieldCipher cipher,
            AlertCheck alertCheck, AlertService alerts, ReportService reports, PageService pages, RateLimits limits,
            MessageSource messages, TransactionTemplate transactions, Clock clock, List<InboundRoute> routes,
            OutboxChanges outbox, Times times, NetworkLanguages languages) {
        this.languages = languages;
        this.outbox = outbox;
        this.routes = List.copyOf(routes);
        this.times = times;
        this.jdbc = jdbc;
        this.tree = tree;
        this.blindIndex = blindIndex;
        this.cipher = cipher;
        this.alertCheck = alertCheck;
        this.alerts = alerts;
        this.reports = reports;
        this.pages = pages;
        this.limits = limits;
        this.messages = messages;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Optional<String> handle(InboundReply inbound) {
        List<PersonDetails> people = identify(inbound);
        // the built-in words, then those of the languages the sender's networks added as data (issue 17)
        Reply reply = ReplyParser.parse(inbound.text(), languages.keywords(networks(people, inbound)));
        Language language = people.stream().findFirst().map(p -> p.person().language())
                .or(reply::language).orElse(Language.ENGLISH);
        Map<PersonId, UUID> inboundIds = new LinkedHashMap<>();
        people.forEach(p -> inboundIds.put(p.person().id(), UUID.randomUUID()));
        InboundRoute.Inbound message = new InboundRoute.Inbound(inbound, reply, people, language,
                Collections.unmodifiableMap(inboundIds));
        Optional<InboundRoute.Answer> early = transactions.execute(s -> {
            Optional<InboundRoute.Answer> taken = route(InboundRoute.Phase.BEFORE_KEYWORDS, message);
            taken.ifPresent(a -> store(people, inbound, a.interpretation(), Optional.empty(), inboundIds));
            return taken;
        });
        if (early.isPresent()) {
            return early.get().reply();
        }
        Optional<UUID> alertTouched = Optional.empty();
        Optional<String> answer;
        if (reply instanceof Reply.Unknown) {
            // free text: kept first, so a route that takes it can refer to what was kept
            return transactions.execute(s -> {
                store(people, inbound, interpretation(reply), Optional.empty(), inboundIds);
                Optional<InboundRoute.Answer> taken = route(InboundRoute.Phase.AFTER_KEYWORDS, message);
                taken.ifPresent(a -> reinterpret(inboundIds.values(), a.interpretation()));
                return taken.flatMap(InboundRoute.Answer::reply);
            });
        } else if (reply instanceof Reply.Acknowledge) {
            alertTouched = transactions.execute(s -> acknowledge(people, inbound));
            answer = people.isEmpty() ? Optional.empty() : Optional.of(text("reply.ack", language));
        } else if (reply instanceof Reply.Verify verify) {
            answer = Optional.of(verify(verify, inbound, language));
        } else if (reply instanceof Reply.Help) {
            answer = inbound.providerAnswersKeyword() ? Optional.empty() : Optional.of(help(people, language));
        } else if (reply instanceof Reply.OptOut) {
            answer = optOut(people, inbound, language);
        } else if (reply instanceof Reply.OptIn) {
            answer = optIn(people, inbound, language);
        } else if (reply instanceof Reply.Claim claim) {
            answer = Optional.of(claim(people, claim, language));
        } else if (reply instanceof Reply.Confirm confirm) {
            answer = Optional.of(confirm(people, confirm, language));
        } else {
            answer = Optional.empty();
        }
        Optional<UUID> alert = alertTouched;
        transactions.executeWithoutResult(s -> store(people, inbound, interpretation(reply), alert, inboundIds));
        return answer;
    }

    private Set<UUID> networks(List<PersonDetails> people, InboundReply inbound) {
        Set<UUID> networks = new LinkedHashSet<>();
        people.forEach(p -> networks.add(p.person().network().value()));
        if (networks.isEmpty()) {
            networks.addAll(jdbc.sql("select network_id from inbound_account where account = :account")
                    .param("account", inbound.account()).query(UUID.class).list());
        }
        return networks;
    }

    private Optional<InboundRoute.Answer> route(InboundRoute.Phase phase, InboundRoute.Inbound message) {
        for (InboundRoute route : routes) {
            if (route.phase() == phase) {
                Optional<InboundRoute.Answer> taken = route.take(message);
                if (taken.isPresent()) {
                    return taken;
                }
            }
        }
        return Optional.empty();
    }

    private void reinterpret(Collection<UUID> inboundIds, String interpretation) {
        if (!inboundIds.isEmpty()) {
            jdbc.sql("update inbound_message set interpreted = :interpreted where id = any(:ids)")
                    .param("interpreted", interpretation).param("ids", inboundIds.toArray(UUID[]::new)).update();
        }
    }

    private List<PersonDetails> identify(InboundReply inbound) {
        Set<PersonDetails> found = new LinkedHashSet<>();
        inbound.from().ifPresent(phone -> found.addAll(tree.peopleWithPhone(phone)));
        if (found.isEmpty() && inbound.fromAci().isPresent()) {
            List<UUID> ids = jdbc.sql("select id, network_id from person where signal_aci_index = :aci")
                    .param("aci", blindIndex.of("aci", inbound.fromAci().get()))
                    .query((rs, n) -> rs.getObject("id", UUID.class)).list();
            for (UUID id : ids) {
                UUID network = jdbc.sql("select network_id from person where id = :id").param("id", id)
                        .query(UUID.class).single();
                tree.person(new NetworkId(network), new PersonId(id)).ifPresent(found::add);
            }
        }
        return List.copyOf(found);
    }

    /** Marks the alert or page this person was most recently reached by (or the one they quoted) acknowledged. */
    private Optional<UUID> acknowledge(List<PersonDetails> people, InboundReply inbound) {
        if (people.isEmpty()) {
            return Optional.empty();
        }
        UUID[] ids = people.stream().map(p -> p.person().id().value()).toArray(UUID[]::new);
        Instant now = clock.instant();
        record Track(long id, UUID alertId, UUID escalationId, UUID personId) {
        }
        Optional<Track> quoted = inbound.quotedTimestamp().flatMap(ts -> jdbc.sql("""
                        select t.id, t.alert_id, t.escalation_id, t.person_id from delivery d
                          join recipient_track t on t.id = d.track_id
                         where d.channel = 'SIGNAL' and d.provider_ref = :ref and d.person_id = any(:people)
                           and t.message_id is null
                         limit 1
                        """)
                .param("ref", String.valueOf(ts)).param("people", ids)
                .query(Track.class).optional());
        Optional<Track> track = quoted.or(() -> jdbc.sql("""
                        select id, alert_id, escalation_id, person_id from recipient_track
                         where person_id = any(:people) and not standby and cancelled_at is null
                           and acknowledged_at is null and started_at > :since and message_id is null
                         order by started_at desc, id desc limit 1
                        """)
                .param("people", ids).param("since", Timestamp.from(now.minus(java.time.Duration.ofDays(1))))
                .query(Track.class).optional());
        track.ifPresent(t -> {
            outbox.acknowledge(t.id(), now);
            if (t.escalationId() != null) {
                pages.acknowledged(t.escalationId(), new PersonId(t.personId()));
            }
        });
        return track.map(Track::alertId);
    }

    private String verify(Reply.Verify verify, InboundReply inbound, Language language) {
        String client = inbound.from().map(p -> HexFormat.of().formatHex(blindIndex.phone(p.e164())))
                .or(() -> inbound.fromAci()).orElse("anonymous");
        if (!limits.tryPass(RateLimits.Door.ALERT_CHECK, "reply:" + client)) {
            return text("reply.verify.throttled", language);
        }
        AlertCheck.Result result = alertCheck.check(verify.code().value());
        if (result instanceof AlertCheck.Genuine genuine) {
            // the same date and time as the alert check page: the recipient's language, the issuing network's zone
            String when = times.dateTime(genuine.issuedAt(), genuine.zone(), locale(language));
            String kind = messages.getMessage("alert.kind." + genuine.kind(), null, locale(language));
            return text(genuine.exercise() ? "reply.verify.genuineDrill" : "reply.verify.genuine", language,
                    genuine.code().display(), genuine.issuer(), kind, when);
        }
        return text("reply.verify.unknown", language, verify.code().display());
    }

    private String help(List<PersonDetails> people, Language language) {
        return people.stream().flatMap(p -> p.site().stream())
                .flatMap(site -> tree.helpText(site, language).or(() -> tree.helpText(site, Language.ENGLISH)).stream())
                .findFirst()
                .orElseGet(() -> text("reply.help", language));
    }

    private Optional<String> optOut(List<PersonDetails> people, InboundReply inbound, Language language) {
        if (inbound.channel() != Channel.SMS) {
            return Optional.of(text("reply.optOut.signal", language));
        }
        transactions.executeWithoutResult(s -> people.forEach(p -> tree.markSmsOptedOut(p.person().id(), true)));
        return inbound.providerAnswersKeyword() ? Optional.empty() : Optional.of(text("reply.optOut", language));
    }

    private Optional<String> optIn(List<PersonDetails> people, InboundReply inbound, Language language) {
        if (inbound.channel() != Channel.SMS) {
            return Optional.empty();
        }
        transactions.executeWithoutResult(s -> people.forEach(p -> tree.markSmsOptedOut(p.person().id(), false)));
        return inbound.providerAnswersKeyword() ? Optional.empty() : Optional.of(text("reply.optIn", language));
    }

    private Optional<PersonDetails> dispatcher(List<PersonDetails> people) {
        return people.stream().filter(p -> p.person().hasRole(Role.DISPATCHER)).findFirst();
    }

    private String claim(List<PersonDetails> people, Reply.Claim claim, Language language) {
        Optional<PersonDetails> dispatcher = dispatcher(people);
        if (dispatcher.isEmpty()) {
            return text("reply.notDispatcher", language);
        }
        try {
            reports.claimByCode(dispatcher.get().person().network(), dispatcher.get().person().id(), claim.code());
            return text("reply.claim.ok", language, claim.code().display());
        } catch (NotInNetworkException unknown) {
            return text("reply.code.unknown", language, claim.code().display());
        } catch (LifecycleException | org.springframework.dao.OptimisticLockingFailureException taken) {
            return text("reply.claim.refused", language, claim.code().display());
        }
    }

    /**
     * CONFIRM by reply approves nothing: a text can come from a stolen or cloned phone, and a second approval is
     * the check that an alert to families is real. The dispatcher is told to approve in the console.
     */
    private String confirm(List<PersonDetails> people, Reply.Confirm confirm, Language language) {
        if (dispatcher(people).isEmpty()) {
            return text("reply.notDispatcher", language);
        }
        return text("reply.confirm.console", language, confirm.code().display());
    }

    private void store(List<PersonDetails> people, InboundReply inbound, String interpreted, Optional<UUID> alert,
            Map<PersonId, UUID> inboundIds) {
        for (PersonDetails person : people) {
            UUID id = inboundIds.get(person.person().id());
            UUID network = person.person().network().value();
            jdbc.sql("""
                            insert into inbound_message (id, network_id, person_id, channel, body_ct, interpreted, alert_id, received_at)
                            values (:id, :network, :person, :channel, :body, :interpreted, :alert, :at)
                            """)
                    .param("id", id).param("network", network).param("person", person.person().id().value())
                    .param("channel", inbound.channel().name())
                    .param("body", cipher.encrypt(network, BODY, id, inbound.text()))
                    .param("interpreted", interpreted).param("alert", alert.orElse(null))
                    .param("at", Timestamp.from(inbound.at()))
                    .update();
        }
    }

    static String interpretation(Reply reply) {
        if (reply instanceof Reply.Acknowledge) {
            return "ACKNOWLEDGE";
        } else if (reply instanceof Reply.Verify) {
            return "VERIFY";
        } else if (reply instanceof Reply.Help) {
            return "HELP";
        } else if (reply instanceof Reply.OptOut) {
            return "OPT_OUT";
        } else if (reply instanceof Reply.OptIn) {
            return "OPT_IN";
        } else if (reply instanceof Reply.Claim) {
            return "CLAIM";
        } else if (reply instanceof Reply.Confirm) {
            return "CONFIRM";
        }
        return "UNKNOWN";
    }

    private String text(String key, Language language, Object... args) {
        return messages.getMessage(key, args, locale(language));
    }

    private static Locale locale(Language language) {
        return Locale.forLanguageTag(language.primary().tag());
    }
}
