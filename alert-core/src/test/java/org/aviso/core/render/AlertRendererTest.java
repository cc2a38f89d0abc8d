package org.aviso.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertRendererTest {

    private static final Instant AT = Instant.parse("2026-03-02T19:05:00Z");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final String TYPICAL_INSTRUCTIONS = "Keep students inside. Families wait for the pick-up message.";

    private final AlertRenderer renderer = new AlertRenderer(TemplateCatalog.defaults());

    static Stream<Arguments> everyKindLanguageAndChannel() {
        return Stream.of(AlertKind.values()).flatMap(kind -> Stream.of(Language.ENGLISH, Language.SPANISH)
                .flatMap(language -> Stream.of(Channel.values()).map(channel -> Arguments.of(kind, language,
                        channel))));
    }

    private static Alert alert(AlertKind kind) {
        Alert original = Alert.initial(AlertId.random(), NetworkId.random(), Optional.empty(),
                kind.isFollowUp() ? AlertKind.VERIFIED : kind, PersonId.random(), AT, Duration.ofHours(2),
                new ShortCode("ABCD2345"));
        return kind.isFollowUp() ? Alert.followUp(original, AlertId.random(), kind, PersonId.random(), AT,
                Duration.ofHours(2), new ShortCode("WXYZ6789")) : original;
    }

    private static RenderRequest request(Alert alert, String instructions) {
        return new RenderRequest(alert, "Lincoln Elementary", "Eastside RRN", instructions,
                "https://aviso.eastside.org/v", LOS_ANGELES);
    }

    @ParameterizedTest
    @MethodSource("everyKindLanguageAndChannel")
    void everyMessageCarriesTheVerificationCodeAndTheSite(AlertKind kind, Language language, Channel channel) {
        Alert alert = alert(kind);

        RenderedMessage message = renderer.render(request(alert, TYPICAL_INSTRUCTIONS), language, channel);

        assertThat(message.text()).contains(alert.code().display()).contains("Lincoln Elementary")
                .doesNotContain("{").doesNotContain("  ");
        assertThat(message.language()).isEqualTo(language);
        assertThat(message.fellBackToEnglish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("everyKindLanguageAndChannel")
    void smsVersionsFitInTwoSegments(AlertKind kind, Language language, Channel channel) {
        if (channel != Channel.SMS) {
            return;
        }
        String instructions = kind == AlertKind.UPDATE ? TYPICAL_INSTRUCTIONS : "";

        RenderedMessage message = renderer.render(request(alert(kind), instructions), language, channel);

        assertThat(message.segments().segments()).as(message.text()).isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
        assertThat(message.segments().encoding()).as("Spanish SMS texts avoid á í ó ú")
                .isEqualTo(Encoding.GSM_7);
    }

    @Test
    void fillsTheTimeInTheNetworksZone() {
        RenderedMessage message = renderer.render(request(alert(AlertKind.VERIFIED), ""), Language.SPANISH,
                Channel.SIGNAL);

        assertThat(message.text()).contains("a las 11:05").startsWith("Aviso Eastside RRN: actividad de inmigración");
    }

    @Test
    void aDrillSaysSoFirstInTheRecipientsLanguage() {
        assertThat(renderer.render(request(alert(AlertKind.DRILL), ""), Language.ENGLISH, Channel.SMS).text())
                .startsWith("[DRILL] ");
        assertThat(renderer.render(request(alert(AlertKind.DRILL), ""), Language.SPANISH, Channel.SIGNAL).text())
                .startsWith("[SIMULACRO] ");
    }

    @Test
    void aFollowUpOfADrillIsMarkedAsADrillToo() {
        Alert drill = alert(AlertKind.DRILL);
        Alert allClear = Alert.followUp(drill, AlertId.random(), AlertKind.ALL_CLEAR, PersonId.random(), AT,
                Duration.ofHours(1), new ShortCode("QRST2345"));

        assertThat(renderer.render(request(allClear, ""), Language.SPANISH, Channel.SMS).text())
                .startsWith("[SIMULACRO] Aviso Eastside RRN: TODO DESPEJADO");
        assertThat(renderer.render(request(alert(AlertKind.VERIFIED), ""), Language.ENGLISH, Channel.SMS).text())
                .doesNotContain("DRILL");
    }

    @Test
    void fallsBackToEnglishOnlyWhenTheLanguageHasNoTemplateAndSaysSo() {
        RenderedMessage vietnamese = renderer.render(request(alert(AlertKind.VERIFIED), ""), Language.of("vi"),
                Channel.SMS);

        assertThat(vietnamese.fellBackToEnglish()).isTrue();
        assertThat(vietnamese.language()).isEqualTo(Language.ENGLISH);
        assertThat(vietnamese.text()).contains("CONFIRMED");
    }

    @Test
    void aRegionalVariantUsesItsPrimaryLanguageWithoutFallingBack() {
        RenderedMessage mexican = renderer.render(request(alert(AlertKind.VERIFIED), ""), Language.of("es-MX"),
                Channel.SMS);

        assertThat(mexican.language()).isEqualTo(Language.SPANISH);
        assertThat(mexican.fellBackToEnglish()).isFalse();
    }

    @Test
    void aNetworkAddsALanguageAsData() {
        Language vietnamese = Language.of("vi");
        TemplateCatalog catalog = TemplateCatalog.defaults()
                .withTemplate(new TemplateKey(AlertKind.DRILL, vietnamese, Channel.SMS),
                        new MessageTemplate("Aviso {network}: chi la dien tap tai {site}. Ma {code}"))
                .withDrillMarker(vietnamese, "[DIEN TAP]");

        RenderedMessage message = new AlertRenderer(catalog).render(request(alert(AlertKind.DRILL), ""), vietnamese,
                Channel.SMS);

        assertThat(message.text()).isEqualTo("[DIEN TAP] Aviso Eastside RRN: chi la dien tap tai Lincoln Elementary."
                + " Ma ABCD-2345");
        assertThat(catalog.languages()).contains(vietnamese);
        assertThat(catalog.missingFor(vietnamese)).hasSize(11);
    }

    @Test
    void englishAndSpanishDefaultsCoverTheSameMessages() {
        TemplateCatalog defaults = TemplateCatalog.defaults();

        assertThat(defaults.missingFor(Language.ENGLISH)).isEmpty();
        assertThat(defaults.missingFor(Language.SPANISH)).isEmpty();
        assertThat(defaults.languages()).containsExactly(Language.ENGLISH, Language.SPANISH);
        assertThat(defaults.drillMarker(Language.of("vi"))).isEqualTo("[DRILL]");
    }

    @Test
    void theApprovedTextsAgreeOnWhatEachKindOfMessageCarries() {
        TemplateCatalog defaults = TemplateCatalog.defaults();

        assertThat(defaults.placeholdersCommonTo(AlertKind.VERIFIED))
                .containsExactlyInAnyOrder("network", "site", "time", "verifyUrl", "code");
        assertThat(defaults.placeholdersCommonTo(AlertKind.UPDATE)).contains("instructions", "verifyUrl", "code");
        assertThat(defaults.placeholdersCommonTo(AlertKind.ADVISORY)).contains("code").doesNotContain("verifyUrl");
        assertThat(defaults.placeholdersCommonTo(AlertKind.DRILL)).contains("site", "code").doesNotContain("time");
        for (AlertKind kind : AlertKind.values()) {
            assertThat(defaults.placeholdersCommonTo(kind)).as(kind.name()).contains("code", "site", "network");
        }
        assertThat(TemplateCatalog.defaults().withTemplate(new TemplateKey(AlertKind.DRILL, Language.of("vi"),
                Channel.SMS), new MessageTemplate("{code}")).placeholdersCommonTo(AlertKind.DRILL))
                .containsExactly("code");
    }

    @Test
    void renderedMessagesDoNotPrintTheirBody() {
        RenderedMessage message = renderer.render(request(alert(AlertKind.VERIFIED), ""), Language.ENGLISH,
                Channel.SMS);

        assertThat(message.toString()).doesNotContain("CONFIRMED").contains("segments");
    }

    @Test
    void messagesNeverTellPeopleHowToTrackOfficers() {
        Set<String> forbidden = Set.of("follow the agents", "track", "where they are", "sigan a los agentes",
                "rastre", "ubicación de los agentes");
        Set<String> texts = new HashSet<>();
        for (AlertKind kind : EnumSet.allOf(AlertKind.class)) {
            for (Language language : new Language[] {Language.ENGLISH, Language.SPANISH}) {
                for (Channel channel : Channel.values()) {
                    texts.add(renderer.render(request(alert(kind), ""), language, channel).text().toLowerCase());
                }
            }
        }
        assertThat(texts).hasSize(24).allSatisfy(text -> assertThat(text).doesNotContain(forbidden));
    }

    @Test
    void requestsAreValidated() {
        Alert alert = alert(AlertKind.VERIFIED);
        assertThatThrownBy(() -> new RenderRequest(alert, " ", "N", "", "u", LOS_ANGELES))
                .hasMessageContaining("site name");
        assertThatThrownBy(() -> new RenderRequest(alert, "S", "N", "x".repeat(501), "u", LOS_ANGELES))
                .hasMessageContaining("at most 500");
    }
}
