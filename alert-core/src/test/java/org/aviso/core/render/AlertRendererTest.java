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
        for (String instructions : new String[] {"", TYPICAL_INSTRUCTIONS}) {
            RenderedMessage message = renderer.render(request(alert(kind), instructions), language, channel);

            assertThat(message.segments().segments()).as(message.text())
                    .isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
            assertThat(message.segments().encoding()).as("Spanish SMS texts avoid á í ó ú")
                    .isEqualTo(Encoding.GSM_7);
        }
    }

    /** Three steps of a real safety plan, as a dispatcher picks them: far past what two segments hold. */
    static final java.util.Map<Language, String[]> LONG_AND_SHORT = java.util.Map.of(
            Language.ENGLISH, new String[] {
                "1. Stay home or indoors and do not open the door to anyone you do not know. "
                        + "2. Pick-up today is at the back gate on Oak Street, 2:30 to 3:15, with a teacher. "
                        + "3. If you cannot come, your emergency contact can pick up with the school's green card. "
                        + "Call the legal hotline at 555-0100 if someone is detained.",
                "Pick-up at back gate on Oak St 2:30-3:15. Do not open the door. Legal help 555-0100."},
            Language.SPANISH, new String[] {
                "1. Quédese en casa o adentro y no abra la puerta a nadie que no conozca. "
                        + "2. Hoy la salida es por el portón de atrás en la calle Oak, de 2:30 a 3:15, con una "
                        + "maestra. 3. Si usted no puede venir, su contacto de emergencia puede recoger con la "
                        + "tarjeta verde de la escuela. Llame a la línea legal 555-0100 si detienen a alguien.",
                "Recoger por el portón de atrás, calle Oak, 2:30-3:15. No abra la puerta. Ayuda legal 555-0100."});

    @ParameterizedTest
    @MethodSource("everyKindLanguageAndChannel")
    void everySmsCarriesLongInstructionsOrTheirShortFormInTwoSegments(AlertKind kind, Language language,
            Channel channel) {
        String full = LONG_AND_SHORT.get(language)[0];
        String shortForm = LONG_AND_SHORT.get(language)[1];
        Alert alert = alert(kind);
        RenderRequest request = new RenderRequest(alert, "Lincoln Elementary", "Eastside RRN", full, shortForm,
                "https://aviso.eastside.org/v/" + alert.code().value(), LOS_ANGELES);

        RenderedMessage message = renderer.render(request, language, channel);

        if (channel == Channel.SIGNAL) {
            assertThat(message.text()).contains(full);
            assertThat(message.instructions()).isEqualTo(InstructionsFit.FULL);
            return;
        }
        assertThat(SmsSegments.count(full + " " + alert.code().display()).segments()).as("the test's premise")
                .isGreaterThan(1);
        assertThat(message.segments().segments()).as(message.text()).isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
        assertThat(message.segments()).isEqualTo(SmsSegments.count(message.text()));
        assertThat(message.instructions()).isIn(InstructionsFit.FULL, InstructionsFit.SHORT);
        assertThat(message.text()).as("the short form, spelled for GSM-7")
                .contains(message.instructions() == InstructionsFit.FULL ? SmsText.forSms(full)
                        : SmsText.forSms(shortForm))
                .contains(alert.code().display());
        if (kind != AlertKind.ADVISORY) {
            assertThat(message.text()).as("the link to the full instructions")
                    .contains("https://aviso.eastside.org/v/" + alert.code().value());
        }
    }

    @ParameterizedTest
    @MethodSource("everyKindLanguageAndChannel")
    void withoutAShortFormAnSmsCarriesTheStartOfTheInstructionsCutAtAWord(AlertKind kind, Language language,
            Channel channel) {
        if (channel != Channel.SMS) {
            return;
        }
        String full = LONG_AND_SHORT.get(language)[0];

        RenderedMessage message = renderer.render(request(alert(kind), full), language, channel);

        assertThat(message.segments().segments()).as(message.text()).isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
        assertThat(message.instructions()).isEqualTo(InstructionsFit.CUT);
        String folded = SmsText.forSms(full);
        int mark = message.text().indexOf("...");
        assertThat(mark).isPositive();
        String carried = message.text().substring(message.text().indexOf(folded.substring(0, 20)), mark);
        assertThat(carried.length()).as("most of the room goes to the instructions").isGreaterThan(90);
        assertThat(folded).startsWith(carried);
        assertThat(folded.charAt(carried.length())).as("cut between words").isIn(' ', '.', ',');
    }

    @Test
    void anSmsStaysInGsm7WhenOnlyAccentsAndTypographicQuotesStandInTheWay() {
        RenderedMessage spanish = renderer.render(request(alert(AlertKind.UPDATE),
                "Recojan a los niños por el portón “de atrás” — aquí está la maestra…"), Language.SPANISH, Channel.SMS);

        assertThat(spanish.segments().encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(spanish.text()).contains("Recojan a los niños por el porton \"de atras\" - aqui esta la maestra...");
        assertThat(renderer.render(request(alert(AlertKind.UPDATE), "Recojan por el portón"), Language.SPANISH,
                Channel.SIGNAL).text()).as("Signal keeps every accent").contains("portón");
    }

    @Test
    void aLanguageWrittenOutsideGsm7IsSentAsWrittenAndStillFitsTwoSegments() {
        Language vietnamese = Language.of("vi");
        TemplateCatalog catalog = TemplateCatalog.defaults()
                .withTemplate(new TemplateKey(AlertKind.VERIFIED, vietnamese, Channel.SMS),
                        new MessageTemplate("Aviso: ĐÃ XÁC NHẬN gần {site} {time}. {instructions} {verifyUrl}"
                                + " Mã {code}"));
        String steps = "Đón con ở cổng sau đường Oak, 2:30-3:15. Không mở cửa cho người lạ. Trợ giúp pháp lý "
                + "555-0100. Gọi người liên lạc khẩn cấp nếu không đến được.";
        Alert alert = alert(AlertKind.VERIFIED);

        RenderedMessage message = new AlertRenderer(catalog).render(new RenderRequest(alert, "Lincoln", "Eastside",
                steps, "Đón con ở cổng sau, 2:30-3:15. Không mở cửa.", "https://a.org/v/" + alert.code().value(),
                LOS_ANGELES), vietnamese, Channel.SMS);

        assertThat(message.segments().encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(message.segments().segments()).as(message.text()).isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
        assertThat(message.text()).contains("Đón con ở cổng sau, 2:30-3:15. Không mở cửa.");
        assertThat(message.instructions()).isEqualTo(InstructionsFit.SHORT);
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
                .containsExactlyInAnyOrder("network", "site", "time", "verifyUrl", "code", "instructions");
        assertThat(defaults.placeholdersCommonTo(AlertKind.UPDATE)).contains("instructions", "verifyUrl", "code");
        assertThat(defaults.placeholdersCommonTo(AlertKind.ADVISORY)).contains("code").doesNotContain("verifyUrl");
        assertThat(defaults.placeholdersCommonTo(AlertKind.DRILL)).contains("site", "code").doesNotContain("time");
        for (AlertKind kind : AlertKind.values()) {
            assertThat(defaults.placeholdersCommonTo(kind)).as(kind.name())
                    .contains("code", "site", "network", "instructions");
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
