package org.aviso.gateway.report;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.report.Report;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dispatcher messages the person who made a report, from the report's page: at most once per step of the report
 * (received, claimed, verified, false alarm, unable to verify, closed), with the step's prepared text in the
 * reporter's language (English and Spanish; English for any other). It goes through the delivery package's
 * direct messages (Signal first, SMS if Signal cannot carry it) after the transaction commits, and is audited.
 * Only a reporter who is a person of the network can be reached: a site contact's form or message. A call logged by
 * a dispatcher or a message promoted from the lower-trust queue names nobody.
 */
@Service
public class ReporterCallbacks {

    /** What became of a request to message the reporter. */
    public enum Outcome { SENT, ALREADY_SENT, NO_REPORTER }

    /** The report page's view: whom it would reach, what they would read, what was sent before. */
    public record State(boolean reachable, String step, Optional<Language> language, Optional<String> preview,
            Optional<ReportStore.Callback> thisStep, List<ReportStore.Callback> sent) {
    }

    private final ReportStore reports;
    private final TreeStore tree;
    private final DirectMessages direct;
    private final AuditLog audit;
    private final MessageSource messages;
    private final ReportEvents events;
    private final Clock clock;

    ReporterCallbacks(ReportStore reports, TreeStore tree, DirectMessages direct, AuditLog audit,
            MessageSource messages, ReportEvents events, Clock clock) {
        this.reports = reports;
        this.tree = tree;
        this.direct = direct;
        this.audit = audit;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    static String about(ReportId report) {
        return "report:" + report.value();
    }

    @Transactional
    public Outcome send(AvisoPrincipal dispatcher, ReportId id) {
        PersonId sender = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        ReportStore.StoredReport stored = reports.find(network, id).orElseThrow(NotInNetworkException::new);
        Optional<PersonDetails> reporter = reporter(network, stored);
        if (reporter.isEmpty()) {
            return Outcome.NO_REPORTER;
        }
        Report report = stored.report();
        String step = report.status().name();
        Instant now = clock.instant();
        if (!reports.takeCallback(report.id(), step, sender.value(), now)) {
            return Outcome.ALREADY_SENT;
        }
        Map<Language, String> texts = new LinkedHashMap<>();
        for (Language language : List.of(Language.ENGLISH, Language.SPANISH)) {
            texts.put(language, text(step, language, report));
        }
        UUID message = direct.send(DirectMessage.of(network, DirectMessage.Purpose.REPORTER_CALLBACK, about(report.id()),
                texts, List.of(reporter.get().person().id())).sentBy(dispatcher.id()));
        reports.callbackMessage(report.id(), step, message);
        audit.record(network.value(), dispatcher.actor(), AuditAction.REPORTER_CALLBACK, "report:" + report.id().value(),
                "step=" + step + " message=" + message);
        events.changed(network);
        return Outcome.SENT;
    }

    @Transactional(readOnly = true)
    public State state(AvisoPrincipal viewer, ReportId id) {
        NetworkId network = new NetworkId(viewer.networkId());
        ReportStore.StoredReport stored = reports.find(network, id).orElseThrow(NotInNetworkException::new);
        String step = stored.report().status().name();
        List<ReportStore.Callback> sent = reports.callbacks(stored.report().id());
        Optional<ReportStore.Callback> thisStep = sent.stream().filter(c -> c.step().equals(step)).findFirst();
        Optional<PersonDetails> reporter = reporter(network, stored);
        Optional<Language> language = reporter.map(p -> p.person().language().primary())
                .map(l -> l.equals(Language.SPANISH) ? Language.SPANISH : Language.ENGLISH);
        return new State(reporter.isPresent(), step, language,
                language.map(l -> text(step, l, stored.report())), thisStep, sent);
    }

    private Optional<PersonDetails> reporter(NetworkId network, ReportStore.StoredReport stored) {
        return stored.reporterPerson().flatMap(p -> tree.person(network, new PersonId(p)));
    }

    private String text(String step, Language language, Report report) {
        return messages.getMessage("callback." + step, new Object[] {report.code().display()},
                Locale.forLanguageTag(language.tag()));
    }

    private static PersonId dispatcherPerson(AvisoPrincipal principal) {
        if (principal == null || !principal.isDispatcher() || principal.kind() != AvisoPrincipal.Kind.USER
                || principal.personId() == null) {
            throw new AccessDeniedException("Dispatchers only");
        }
        return new PersonId(principal.personId());
    }
}
