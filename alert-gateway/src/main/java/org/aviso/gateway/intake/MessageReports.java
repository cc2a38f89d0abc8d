package org.aviso.gateway.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.reply.Reply;
import org.aviso.core.report.Report;
import org.aviso.core.tree.Role;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.reply.InboundRoute;
import org.aviso.gateway.report.PhotoSanitizer;
import org.aviso.gateway.report.ReportEvents;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Free text after the keywords: a report by message. Ordered last among the routes, so a conversation or an inbox
 * route of another feature takes what is theirs first.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class MessageReports implements InboundRoute {

    private static final Logger log = LoggerFactory.getLogger(MessageReports.class);

    /** Messages one unknown sender may leave in the lower-trust queue per hour; the next one is refused. */
    public static final int PER_SENDER_PER_HOUR = 20;

    private static final Pattern SPANISH = Pattern.compile(
            "[ñáéíóú¿¡]|\\b(hay|est[aá]n|escuela|migra|polic[ií]a|afuera|entrada|carros?|hombres|ayuda|por favor)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final MessageReportStore queue;
    private final ReportService reports;
    private final TreeStore tree;
    private final BlindIndex blindIndex;
    private final AuditLog audit;
    private final ReportEvents events;
    private final MessageSource messages;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MessageReports(MessageReportStore queue, ReportService reports, TreeStore tree, BlindIndex blindIndex,
            AuditLog audit, ReportEvents events, MessageSource messages, Clock clock) {
        this.queue = queue;
        this.reports = reports;
        this.tree = tree;
        this.blindIndex = blindIndex;
        this.audit = audit;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public Phase phase() {
        return Phase.AFTER_KEYWORDS;
    }

    @Override
    public Optional<Answer> take(Inbound message) {
        if (!(message.parsed() instanceof Reply.Unknown)
                || (message.raw().text().isBlank() && message.raw().attachments().isEmpty())) {
            return Optional.empty();
        }
        Optional<PersonDetails> contact = message.senders().stream()
                .filter(p -> p.person().hasRole(Role.SITE_CONTACT) && p.site().isPresent()).findFirst();
        if (contact.isPresent()) {
            return Optional.of(fromSiteContact(contact.get(), message));
        }
        if (message.senders().isEmpty() && !message.raw().text().isBlank()) {
            return fromUnknownSender(message);
        }
        return Optional.empty();
    }

    private Answer fromSiteContact(PersonDetails contact, Inbound message) {
        Photos photos = photos(message.raw().attachments());
        Report report = reports.submitByMessage(contact.person().network(), contact.site().orElseThrow(),
                contact.person().id(), message.raw().text(), photos.kept());
        Language language = contact.person().language();
        String receipt = text("intake.receipt.contact", language, report.code().display());
        if (!photos.kept().isEmpty()) {
            receipt += " " + text("intake.photos.kept", language, photos.kept().size());
        }
        if (photos.refused() > 0) {
            receipt += " " + text("intake.photos.refused", language, photos.refused(), MAX_PHOTOS);
        }
        return Answer.reply(receipt, "REPORT");
    }

    /** Photos one message may add to a report; more are refused (the sender is told). */
    public static final int MAX_PHOTOS = 4;

    record Photos(List<PhotoSanitizer.Clean> kept, int refused) {
    }

    /**
     * The message's files through the form's photo pipeline ({@link PhotoSanitizer}): each is fetched, decoded and
     * redrawn into fresh pixels, which leaves EXIF, GPS and every other piece of metadata behind. A file that is
     * too large, not a JPEG or PNG photo, or could not be fetched is refused; only the first {@link #MAX_PHOTOS}
     * are looked at, and a file that does not say it is an image is not even fetched.
     */
    static Photos photos(List<InboundEvents.Attachment> attachments) {
        List<PhotoSanitizer.Clean> kept = new ArrayList<>();
        int refused = 0;
        for (InboundEvents.Attachment attachment : attachments) {
            boolean photo = attachment.contentType().isEmpty() || attachment.contentType().startsWith("image/");
            if (kept.size() + refused >= MAX_PHOTOS || attachment.size() > PhotoSanitizer.MAX_BYTES || !photo) {
                // never fetched: a file Aviso would not keep stays with signal-cli
                refused++;
                continue;
            }
            Optional<PhotoSanitizer.Clean> clean = attachment.fetch().flatMap(PhotoSanitizer::sanitize);
            if (clean.isPresent()) {
                kept.add(clean.get());
            } else {
                refused++;
            }
        }
        return new Photos(List.copyOf(kept), refused);
    }

    private Optional<Answer> fromUnknownSender(Inbound message) {
        Optional<String> sender = message.raw().from().map(p -> p.e164()).or(() -> message.raw().fromAci());
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        Optional<NetworkId> network = networkFor(message.raw().account());
        if (network.isEmpty()) {
            log.warn("A message from an unknown sender reached an Aviso number that belongs to no network; not kept");
            return Optional.empty();
        }
        Language language = guessLanguage(message);
        byte[] senderIndex = message.raw().from().isPresent() ? blindIndex.phone(sender.get())
                : blindIndex.of("aci", sender.get());
        Instant now = clock.instant();
        if (queue.countFrom(senderIndex, now.minus(Duration.ofHours(1))) >= PER_SENDER_PER_HOUR) {
            return Optional.of(Answer.reply(text("intake.tooMany", language, PER_SENDER_PER_HOUR), "REPORT_REFUSED"));
        }
        String text = message.raw().text().strip();
        MessageReportStore.MessageReport report = new MessageReportStore.MessageReport(UUID.randomUUID(),
                network.get(), ShortCode.generate(random), message.raw().channel(), language,
                text.length() <= Report.MAX_TEXT_LENGTH ? text : text.substring(0, Report.MAX_TEXT_LENGTH), now,
                MessageReportStore.Status.NEW, Optional.empty());
        queue.insert(report, senderIndex, sender.get());
        audit.record(network.get().value(), "system", AuditAction.MESSAGE_REPORT_RECEIVED, subject(report.id()),
                "channel=" + report.channel());
        events.changed(network.get());
        return Optional.of(Answer.reply(text("intake.receipt.unknown", language, report.code().display()),
                "REPORT_LOW_TRUST"));
    }

    private Optional<NetworkId> networkFor(String account) {
        return queue.networkOfAccount(account).or(() -> {
            var networks = tree.networks();
            return networks.size() == 1 ? Optional.of(networks.get(0).network().id()) : Optional.empty();
        });
    }

    /** The sender's language: the words say, when the keyword parser could not. */
    static Language guessLanguage(Inbound message) {
        return message.parsed().language()
                .orElse(SPANISH.matcher(message.raw().text()).find() ? Language.SPANISH : Language.ENGLISH);
    }

    // ---- the dispatcher's side

    /** Promotes a message into a report of {@code site}: it joins or opens the site's incident and pages. */
    @Transactional
    public Report promote(AvisoPrincipal dispatcher, UUID id, SiteId site) {
        PersonId person = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        tree.site(network, site).orElseThrow(NotInNetworkException::new);
        MessageReportStore.MessageReport message = queue.findLocked(network, id)
                .filter(m -> m.status() == MessageReportStore.Status.NEW).orElseThrow(NotInNetworkException::new);
        Report report = reports.promoteMessage(dispatcher, site, message.text());
        queue.decide(id, MessageReportStore.Status.PROMOTED, Optional.of(report.id()), person, clock.instant());
        audit.record(network.value(), dispatcher.actor(), AuditAction.MESSAGE_REPORT_PROMOTED, subject(id),
                "report=" + report.id().value());
        return report;
    }

    @Transactional
    public void dismiss(AvisoPrincipal dispatcher, UUID id) {
        PersonId person = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        queue.findLocked(network, id).filter(m -> m.status() == MessageReportStore.Status.NEW)
                .orElseThrow(NotInNetworkException::new);
        queue.decide(id, MessageReportStore.Status.DISMISSED, Optional.<ReportId>empty(), person, clock.instant());
        audit.record(network.value(), dispatcher.actor(), AuditAction.MESSAGE_REPORT_DISMISSED, subject(id), "");
        events.changed(network);
    }

    public List<MessageReportStore.MessageReport> waiting(AvisoPrincipal dispatcher) {
        dispatcherPerson(dispatcher);
        return queue.waiting(new NetworkId(dispatcher.networkId()), 100);
    }

    static String subject(UUID messageReport) {
        return "message-report:" + messageReport;
    }

    private static PersonId dispatcherPerson(AvisoPrincipal principal) {
        if (principal == null || !principal.isDispatcher() || principal.kind() != AvisoPrincipal.Kind.USER
                || principal.personId() == null) {
            throw new AccessDeniedException("Dispatchers only");
        }
        return new PersonId(principal.personId());
    }

    private String text(String key, Language language, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(language.primary().tag()));
    }
}
