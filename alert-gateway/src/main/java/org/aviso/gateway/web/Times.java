package org.aviso.gateway.web;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

import org.aviso.core.common.NetworkId;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one way Aviso shows a date or a time to a person: in the viewer's language (the JDK's own style for it) and in
 * the network's time zone, on every page. A dispatcher in Los Angeles reads "Dec 4, 2026, 4:14 PM" in English and
 * "4 dic 2026, 16:14" in Spanish, never UTC (unless the network's zone is UTC) and never a pattern written by hand.
 *
 * <p>In a template (it is the bean {@code times}):
 * <pre>{@code
 * <time th:datetime="${@times.machine(r.receivedAt())}" th:text="${@times.dateTime(r.receivedAt())}">Dec 4, 2026, 4:14 PM</time>
 * <span th:text="${@times.time(a.createdAt())}">4:14 PM</span>        time of day only
 * <span th:text="${@times.date(d.enrolledAt())}">Dec 4, 2026</span>   date only
 * <span th:text="${@times.when(e.at())}">4:14 PM</span>               time alone if it is today there, else date and time
 * }</pre>
 * Each accepts an {@link Instant}, a {@link ZonedDateTime} or an {@link OffsetDateTime} (and answers "" for null).
 * An {@code Instant} is shown in the time zone of the signed-in viewer's network; a {@code ZonedDateTime} keeps its
 * own zone, which is how a page without a signed-in viewer (the public alert check) passes the network's zone.
 *
 * <p>In Java, for text that is not a page (a message in a recipient's language), use the methods that take the zone
 * and the locale: {@link #dateTime(Instant, ZoneId, Locale)}, {@link #time(Instant, ZoneId, Locale)}.
 */
@Component("times")
public class Times {

    private static final String ZONE_ATTRIBUTE = Times.class.getName() + ".zone";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
            FormatStyle.SHORT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);

    private final TreeStore tree;
    private final Clock clock;

    public Times(TreeStore tree, Clock clock) {
        this.tree = tree;
        this.clock = clock;
    }

    // ---- for pages: the viewer's locale, the network's zone

    /** Date and time: "Dec 4, 2026, 4:14 PM" / "4 dic 2026, 16:14". */
    public String dateTime(Object temporal) {
        return in(temporal).map(at -> DATE_TIME.withLocale(locale()).format(at)).orElse("");
    }

    /** Date only: "Dec 4, 2026" / "4 dic 2026". */
    public String date(Object temporal) {
        return in(temporal).map(at -> DATE.withLocale(locale()).format(at)).orElse("");
    }

    /** Time of day only: "4:14 PM" / "16:14". For lists where the day is plain from the context. */
    public String time(Object temporal) {
        return in(temporal).map(at -> TIME.withLocale(locale()).format(at)).orElse("");
    }

    /** The time alone when it falls on today's date in that zone, otherwise the date and the time. */
    public String when(Object temporal) {
        return in(temporal).map(at -> at.toLocalDate().equals(clock.instant().atZone(at.getZone()).toLocalDate())
                ? TIME.withLocale(locale()).format(at) : DATE_TIME.withLocale(locale()).format(at)).orElse("");
    }

    /** For {@code <time datetime>} and scripts: ISO-8601 with the zone's offset, "2026-12-04T16:14:05-08:00". */
    public String machine(Object temporal) {
        return in(temporal).map(at -> at.toOffsetDateTime().toString()).orElse("");
    }

    // ---- for text that is not a page

    public String dateTime(Instant at, ZoneId zone, Locale locale) {
        return DATE_TIME.withLocale(locale).format(at.atZone(zone));
    }

    public String time(Instant at, ZoneId zone, Locale locale) {
        return TIME.withLocale(locale).format(at.atZone(zone));
    }

    /** The time zone pages are shown in for the signed-in viewer: their network's. */
    public ZoneId viewerZone() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ZONE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId zone) {
            return zone;
        }
        ZoneId zone = viewerNetwork().flatMap(tree::network).map(NetworkRecord::zone).orElse(ZoneOffset.UTC);
        if (request != null) {
            request.setAttribute(ZONE_ATTRIBUTE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
    }

    private Optional<ZonedDateTime> in(Object temporal) {
        if (temporal == null) {
            return Optional.empty();
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return Optional.of(zoned);
        }
        if (temporal instanceof OffsetDateTime offset) {
            return Optional.of(offset.toInstant().atZone(viewerZone()));
        }
        if (temporal instanceof Instant instant) {
            return Optional.of(instant.atZone(viewerZone()));
        }
        throw new IllegalArgumentException("Times shows an Instant, a ZonedDateTime or an OffsetDateTime, not a "
                + temporal.getClass().getSimpleName());
    }

    private static Optional<NetworkId> viewerNetwork() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AvisoPrincipal principal
                && principal.networkId() != null) {
            return Optional.of(new NetworkId(principal.networkId()));
        }
        return Optional.empty();
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
