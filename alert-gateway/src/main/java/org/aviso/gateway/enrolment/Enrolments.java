package org.aviso.gateway.enrolment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.SiteId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.reply.Reply;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.reply.InboundRoute;
import org.aviso.gateway.retention.Erasure;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-enrolment by message. {@code JOIN <code>} / {@code UNIRME <código>} starts a conversation: choose a language
 * by number, read what Aviso keeps and how to leave, reply YES / SÍ. The YES is recorded as consent (time, channel,
 * text version) and the family joins the site's family group, or waits for an administrator when the site asks
 * for approval. {@code LEAVE} / {@code SALIR} removes and erases a family. The conversation lives in the database
 * (the number encrypted, found by its blind index), so a restart midway loses nothing; it ends after an hour of
 * silence.
 */
@Service
public class Enrolments {

    static final FieldRef PHONE = FieldRef.of("enrolment_conversation", "phone_ct");
    /** Changes whenever the consent text changes, so each consent says which text was agreed to. */
    public static final String CONSENT_TEXT_VERSION = "enrolment-consent-1";
    static final Duration SILENCE = Duration.ofHours(1);
    static final Duration APPROVAL_WAIT = Duration.ofDays(14);

    enum Step { LANGUAGE, CONSENT, AWAITING_APPROVAL }

    record Conversation(UUID id, NetworkId network, SiteId site, Channel channel, Step step, Language language,
            Instant startedAt) {
    }

    private final JdbcClient jdbc;
    private final TreeStore tree;
    private final SiteEnrolments sites;
    private final BlindIndex blindIndex;
    private final FieldCipher cipher;
    private final DirectMessages direct;
    private final Erasure erasure;
    private final AuditLog audit;
    private final MessageSource messages;
    private final TransactionTemplate separately;
    private final Clock clock;

    Enrolments(JdbcClient jdbc, TreeStore tree, SiteEnrolments sites, BlindIndex blindIndex, FieldCipher cipher,
            DirectMessages direct, Erasure erasure, AuditLog audit, MessageSource messages,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.sites = sites;
        this.blindIndex = blindIndex;
        this.cipher = cipher;
        this.direct = direct;
        this.erasure = erasure;
        this.audit = audit;
        this.messages = messages;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** What the enrolment route makes of a message, in the reply handler's transaction. */
    Optional<InboundRoute.Answer> take(InboundRoute.Inbound m) {
        Instant now = clock.instant();
        if (m.parsed() instanceof Reply.Join join) {
            return Optional.of(join(m, join, now));
        }
        if (m.parsed() instanceof Reply.Leave) {
            return Optional.of(leave(m));
        }
        Optional<PhoneNumber> from = m.raw().from();
        if (from.isEmpty()) {
            return Optional.empty();
        }
        return conversation(from.get(), now).map(c -> proceed(c, m, now));
    }

    private InboundRoute.Answer join(InboundRoute.Inbound m, Reply.Join join, Instant now) {
        Language language = join.language().orElse(m.language());
        Optional<SiteEnrolments.Setting> setting = sites.byCode(join.siteCode());
        if (setting.isEmpty()) {
            return InboundRoute.Answer.reply(text("enrolment.unknownCode", language, join.siteCode()), "JOIN");
        }
        if (m.raw().from().isEmpty()) {
            return InboundRoute.Answer.reply(text("enrolment.needNumber", language), "JOIN");
        }
        NetworkId network = setting.get().network();
        if (m.senders().stream().anyMatch(p -> p.person().network().equals(network))) {
            return InboundRoute.Answer.reply(text("enrolment.already", language), "JOIN");
        }
        PhoneNumber phone = m.raw().from().get();
        byte[] index = senderIndex(phone);
        jdbc.sql("delete from enrolment_conversation where sender_index = :index").param("index", index).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into enrolment_conversation (id, network_id, site_id, sender_index, phone_ct, channel, step,
                                                            language, started_at, expires_at)
                        values (:id, :network, :site, :index, :phone, :channel, 'LANGUAGE', :language, :now, :expires)
                        """)
                .param("id", id).param("network", network.value()).param("site", setting.get().site().value())
                .param("index", index).param("phone", cipher.encrypt(network.value(), PHONE, id, phone.e164()))
                .param("channel", m.raw().channel().name()).param("language", language.tag())
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(SILENCE)))
                .update();
        return InboundRoute.Answer.reply(menu(network, setting.get().site(), language), "JOIN");
    }

    private String menu(NetworkId network, SiteId site, Language language) {
        StringBuilder options = new StringBuilder();
        List<Language> languages = languages(network);
        for (int i = 0; i < languages.size(); i++) {
            options.append('\n').append(i + 1).append(' ').append(nativeName(languages.get(i)));
        }
        return text("enrolment.menu", language, siteName(network, site)) + options;
    }

    private InboundRoute.Answer proceed(Conversation c, InboundRoute.Inbound m, Instant now) {
        String words = m.raw().text().strip().replaceAll("[\\p{Punct}¡¿\\s]+", " ").strip().toUpperCase(Locale.ROOT);
        switch (c.step()) {
            case LANGUAGE -> {
                List<Language> languages = languages(c.network());
                if (words.matches("[0-9]{1,2}") && Integer.parseInt(words) >= 1
                        && Integer.parseInt(words) <= languages.size()) {
                    Language chosen = languages.get(Integer.parseInt(words) - 1);
                    update(c.id(), Step.CONSENT, chosen, now.plus(SILENCE));
                    return InboundRoute.Answer.reply(text("enrolment.consent", chosen, siteName(c.network(), c.site())),
                            "ENROLMENT");
                }
                touch(c.id(), now);
                return InboundRoute.Answer.reply(menu(c.network(), c.site(), c.language()), "ENROLMENT");
            }
            case CONSENT -> {
                if (words.matches("YES|Y|SI|SÍ|S")) {
                    return consent(c, now);
                }
                if (words.matches("NO|N")) {
                    delete(c.id());
                    return InboundRoute.Answer.reply(text("enrolment.cancelled", c.language()), "ENROLMENT");
                }
                touch(c.id(), now);
                return InboundRoute.Answer.reply(text("enrolment.consentAgain", c.language()), "ENROLMENT");
            }
            default -> {
                return InboundRoute.Answer.reply(text("enrolment.stillWaiting", c.language()), "ENROLMENT");
            }
        }
    }

    private InboundRoute.Answer consent(Conversation c, Instant now) {
        jdbc.sql("""
                        insert into consent (id, network_id, conversation_id, channel, text_version, consented_at)
                        values (:id, :network, :conversation, :channel, :version, :now)
                        """)
                .param("id", UUID.randomUUID()).param("network", c.network().value()).param("conversation", c.id())
                .param("channel", c.channel().name()).param("version", CONSENT_TEXT_VERSION)
                .param("now", Timestamp.from(now))
                .update();
        boolean approval = sites.forSite(c.network(), c.site()).map(SiteEnrolments.Setting::requiresApproval)
                .orElse(false);
        if (approval) {
            update(c.id(), Step.AWAITING_APPROVAL, c.language(), now.plus(APPROVAL_WAIT));
            return InboundRoute.Answer.reply(text("enrolment.waiting", c.language()), "ENROLMENT");
        }
        enrol(c, "system");
        return InboundRoute.Answer.reply(text("enrolment.welcome", c.language(), siteName(c.network(), c.site())),
                "ENROLMENT");
    }

    /** Makes the family a person of the site's family group; the conversation ends and the consent is theirs. */
    private PersonId enrol(Conversation c, String actor) {
        PhoneNumber phone = new PhoneNumber(phoneOf(c));
        Optional<PersonDetails> existing = tree.peopleWithPhone(phone).stream()
                .filter(p -> p.person().network().equals(c.network())).findFirst();
        PersonId id;
        if (existing.isPresent()) {
            id = existing.get().person().id();
        } else {
            id = PersonId.random();
            SignalStatus signal = c.channel() == Channel.SIGNAL ? SignalStatus.ON_SIGNAL : SignalStatus.UNKNOWN;
            Person person = new Person(id, c.network(), EnumSet.of(Role.FAMILY), c.language(),
                    new ContactPoint(phone, signal, false, false, false), Optional.empty());
            tree.savePerson(new PersonDetails(person, Optional.of(c.site()), Optional.empty(), false));
        }
        tree.addMember(familyGroup(c.network(), c.site()), id);
        jdbc.sql("update consent set person_id = :person, conversation_id = null where conversation_id = :id")
                .param("person", id.value()).param("id", c.id()).update();
        delete(c.id());
        audit.record(c.network().value(), actor, AuditAction.PERSON_CHANGED, "person:" + id.value(),
                "self-enrolled channel=" + c.channel() + " language=" + c.language().tag());
        return id;
    }

    private GroupId familyGroup(NetworkId network, SiteId site) {
        Optional<GroupId> chosen = sites.forSite(network, site).flatMap(SiteEnrolments.Setting::familyGroup);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        Optional<Group> first = tree.groups(network).stream()
                .filter(g -> g.site().equals(Optional.of(site)) && g.tier() == Tier.FAMILIES)
                .min(java.util.Comparator.comparing(Group::name));
        if (first.isPresent()) {
            return first.get().id();
        }
        GroupId id = GroupId.random();
        tree.saveGroup(new Group(id, network, Optional.of(site), siteName(network, site) + " families",
                Tier.FAMILIES, EnumSet.of(AlertKind.VERIFIED, AlertKind.UPDATE, AlertKind.ALL_CLEAR,
                AlertKind.FALSE_ALARM, AlertKind.DRILL), false, Duration.ofMinutes(5), Optional.empty(),
                ChannelMode.DIRECT));
        return id;
    }

    private InboundRoute.Answer leave(InboundRoute.Inbound m) {
        Language language = m.language();
        boolean hadConversation = m.raw().from().map(phone -> jdbc.sql(
                        "delete from enrolment_conversation where sender_index = :index")
                .param("index", senderIndex(phone)).update() > 0).orElse(false);
        List<PersonDetails> families = m.senders().stream()
                .filter(p -> p.person().roles().equals(EnumSet.of(Role.FAMILY))).toList();
        if (m.senders().size() > families.size()) {
            return InboundRoute.Answer.reply(text("enrolment.leaveStaff", language), "LEAVE");
        }
        if (families.isEmpty()) {
            return InboundRoute.Answer.reply(text(hadConversation ? "enrolment.left" : "enrolment.notEnrolled",
                    language), "LEAVE");
        }
        // the reply handler keeps this message with the sender in the same transaction: erase once that commits
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                separately.executeWithoutResult(s -> families.forEach(p -> erasure.erasePerson(
                        p.person().network(), p.person().id(), "system")));
            }
        });
        return InboundRoute.Answer.reply(text("enrolment.left", language), "LEAVE");
    }

    /** Saves how a site takes self-enrolment, with an audit entry (the code is on public flyers, so it is named). */
    @Transactional
    public void configure(SiteEnrolments.Setting setting, String actor) {
        sites.save(setting);
        audit.record(setting.network().value(), actor, AuditAction.SETTINGS_CHANGED, "site:" + setting.site().value(),
                "enrolment code=" + setting.code() + " approval=" + setting.requiresApproval());
    }

    // ---- requests waiting for an administrator

    /** A request waiting for approval, as the administrator sees it: never the full number. */
    public record Waiting(UUID id, SiteId site, String maskedNumber, Language language, Channel channel,
            Instant since) {
    }

    @Transactional(readOnly = true)
    public List<Waiting> waiting(NetworkId network) {
        return jdbc.sql("""
                        select * from enrolment_conversation where network_id = :network and step = 'AWAITING_APPROVAL'
                         order by started_at
                        """)
                .param("network", network.value())
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Waiting(id, new SiteId(rs.getObject("site_id", UUID.class)),
                            new PhoneNumber(cipher.decrypt(PHONE, id, rs.getBytes("phone_ct"))).masked(),
                            Language.of(rs.getString("language")), Channel.valueOf(rs.getString("channel")),
                            rs.getTimestamp("started_at").toInstant());
                })
                .list();
    }

    /** Approves a waiting request: the family is enrolled and welcomed on the channel they wrote from. */
    @Transactional
    public PersonId approve(NetworkId network, UUID request, String actor) {
        Conversation c = waitingRequest(network, request);
        PersonId person = enrol(c, actor);
        Map<Language, String> texts = new java.util.LinkedHashMap<>();
        String site = siteName(network, c.site());
        texts.put(Language.ENGLISH, text("enrolment.welcome", Language.ENGLISH, site));
        texts.put(Language.SPANISH, text("enrolment.welcome", Language.SPANISH, site));
        texts.putIfAbsent(c.language(), text("enrolment.welcome", c.language(), site));
        direct.send(DirectMessage.of(network, DirectMessage.Purpose.ENROLMENT, "enrolment:" + person.value(), texts,
                List.of(person)).via(c.channel() == Channel.SMS ? ChannelPolicy.SMS_ONLY : ChannelPolicy.SIGNAL_THEN_SMS));
        return person;
    }

    /** Declines a waiting request: the request and its consent are deleted, the number with them. */
    @Transactional
    public void decline(NetworkId network, UUID request, String actor) {
        Conversation c = waitingRequest(network, request);
        delete(c.id());
        audit.record(network.value(), actor, AuditAction.PERSON_CHANGED, "enrolment:" + c.id(), "declined");
    }

    private Conversation waitingRequest(NetworkId network, UUID request) {
        return jdbc.sql("select * from enrolment_conversation where id = :id and network_id = :network for update")
                .param("id", request).param("network", network.value())
                .query((rs, n) -> map(rs)).optional()
                .filter(c -> c.step() == Step.AWAITING_APPROVAL)
                .orElseThrow(NotInNetworkException::new);
    }

    // ---- storage

    private Optional<Conversation> conversation(PhoneNumber phone, Instant now) {
        jdbc.sql("delete from enrolment_conversation where expires_at <= :now")
                .param("now", Timestamp.from(now)).update();
        return jdbc.sql("select * from enrolment_conversation where sender_index = :index for update")
                .param("index", senderIndex(phone)).query((rs, n) -> map(rs)).optional();
    }

    private static Conversation map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Conversation(rs.getObject("id", UUID.class), new NetworkId(rs.getObject("network_id", UUID.class)),
                new SiteId(rs.getObject("site_id", UUID.class)), Channel.valueOf(rs.getString("channel")),
                Step.valueOf(rs.getString("step")), Language.of(rs.getString("language")),
                rs.getTimestamp("started_at").toInstant());
    }

    private String phoneOf(Conversation c) {
        return jdbc.sql("select phone_ct from enrolment_conversation where id = :id").param("id", c.id())
                .query((rs, n) -> cipher.decrypt(PHONE, c.id(), rs.getBytes(1))).single();
    }

    private void update(UUID id, Step step, Language language, Instant expires) {
        jdbc.sql("update enrolment_conversation set step = :step, language = :language, expires_at = :expires where id = :id")
                .param("step", step.name()).param("language", language.tag())
                .param("expires", Timestamp.from(expires)).param("id", id).update();
    }

    private void touch(UUID id, Instant now) {
        jdbc.sql("update enrolment_conversation set expires_at = :expires where id = :id and step <> 'AWAITING_APPROVAL'")
                .param("expires", Timestamp.from(now.plus(SILENCE))).param("id", id).update();
    }

    private void delete(UUID id) {
        jdbc.sql("delete from enrolment_conversation where id = :id").param("id", id).update();
    }

    private byte[] senderIndex(PhoneNumber phone) {
        return blindIndex.phone(phone.e164());
    }

    private List<Language> languages(NetworkId network) {
        return tree.network(network).map(NetworkRecord::network).map(n -> n.languages())
                .orElse(List.of(Language.ENGLISH, Language.SPANISH));
    }

    private String siteName(NetworkId network, SiteId site) {
        return tree.site(network, site).map(Site::name).orElse("");
    }

    static String nativeName(Language language) {
        Locale locale = Locale.forLanguageTag(language.tag());
        String name = locale.getDisplayLanguage(locale);
        if (name.isEmpty() || name.equals(language.tag())) {
            return language.tag();
        }
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    private String text(String key, Language language, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(language.primary().tag()));
    }
}
