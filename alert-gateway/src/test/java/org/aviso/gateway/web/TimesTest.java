package org.aviso.gateway.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.NetworkId;
import org.aviso.core.tree.Network;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Dates and times read the same on every page: the viewer's language, the network's time zone, never UTC. */
class TimesTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final Locale SPANISH = Locale.forLanguageTag("es");
    /** 4:14 PM on December 4 in Los Angeles: already December 5 in UTC. */
    private static final Instant EVENING = Instant.parse("2026-12-05T00:14:05Z");

    private final TreeStore tree = mock(TreeStore.class);
    private final TestClock clock = new TestClock();
    private final Times times = new Times(tree, clock);

    @AfterEach
    void forgetTheViewer() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void showsAnInstantInTheViewersNetworkZoneNotInUtc() {
        signedInToANetworkIn(LOS_ANGELES);
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        assertThat(plain(times.dateTime(EVENING))).isEqualTo("Dec 4, 2026, 4:14 PM");
        assertThat(plain(times.time(EVENING))).isEqualTo("4:14 PM");
        assertThat(times.date(EVENING)).isEqualTo("Dec 4, 2026");
        assertThat(times.machine(EVENING)).isEqualTo("2026-12-04T16:14:05-08:00");
    }

    @Test
    void speaksSpanishIn24HourTimeWithTheJdksMediumDate() {
        signedInToANetworkIn(LOS_ANGELES);
        LocaleContextHolder.setLocale(SPANISH);

        // JDK 17 writes "4 dic 2026 16:14", JDK 21 and later "4 dic 2026, 16:14": both the JDK's own style
        assertThat(times.dateTime(EVENING)).matches("4 dic 2026,? 16:14");
        assertThat(times.time(EVENING)).isEqualTo("16:14");
    }

    @Test
    void keepsTheZoneOfAZonedTimeForPagesWithoutASignedInViewer() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        ZonedDateTime inNewYork = EVENING.atZone(ZoneId.of("America/New_York"));

        assertThat(plain(times.dateTime(inNewYork))).isEqualTo("Dec 4, 2026, 7:14 PM");
    }

    @Test
    void showsTheTimeAloneOnlyForToday() {
        signedInToANetworkIn(LOS_ANGELES);
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        clock.set(Instant.parse("2026-12-05T07:00:00Z")); // 11 PM on December 4 in Los Angeles

        assertThat(plain(times.when(EVENING))).isEqualTo("4:14 PM");
        clock.set(Instant.parse("2026-12-05T09:00:00Z")); // 1 AM on December 5 there: the report is from yesterday
        assertThat(plain(times.when(EVENING))).isEqualTo("Dec 4, 2026, 4:14 PM");
    }

    @Test
    void showsNothingForNoTime() {
        assertThat(times.dateTime(null)).isEmpty();
        assertThat(times.when(null)).isEmpty();
    }

    @Test
    void writesMessagesInTheLanguageAndZoneItIsGiven() {
        assertThat(times.time(EVENING, LOS_ANGELES, SPANISH)).isEqualTo("16:14");
        assertThat(plain(times.dateTime(EVENING, ZoneId.of("UTC"), Locale.ENGLISH))).isEqualTo("Dec 5, 2026, 12:14 AM");
    }

    private void signedInToANetworkIn(ZoneId zone) {
        NetworkId network = NetworkId.random();
        when(tree.network(network)).thenReturn(Optional.of(new NetworkRecord(Network.defaults(network, "Eastside"), zone)));
        AvisoPrincipal dispatcher = new AvisoPrincipal(AvisoPrincipal.Kind.USER, UUID.randomUUID(), network.value(),
                AvisoRole.DISPATCHER, UUID.randomUUID(), null);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(dispatcher, null, java.util.List.of()));
    }

    /** JDK 20 and later put a narrow no-break space before AM/PM. */
    private static String plain(String text) {
        return text.replace('\u202f', ' ');
    }
}
