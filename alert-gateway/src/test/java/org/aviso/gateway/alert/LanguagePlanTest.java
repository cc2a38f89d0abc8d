package org.aviso.gateway.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.aviso.core.common.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who reads which free text, and which forms the composer refuses (issue 17 item 2). */
class LanguagePlanTest {

    static final Language EN = Language.ENGLISH;
    static final Language ES = Language.SPANISH;
    static final Language VI = Language.of("vi");
    static final List<Language> NETWORK = List.of(EN, ES, VI);

    static Map<String, String> map(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void eachLanguageReadsItsOwnTextAndNoOtherUnlessChosen() {
        LanguagePlan plan = LanguagePlan.of(NETWORK, map("en", " Use the back gate. ", "es", "Use el portón de atrás."),
                map());
        assertThat(plan.textFor(EN)).isEqualTo("Use the back gate.");
        assertThat(plan.textFor(ES)).isEqualTo("Use el portón de atrás.");
        assertThat(plan.textFor(Language.of("es-mx"))).as("a regional Spanish reads the Spanish text")
                .isEqualTo("Use el portón de atrás.");
        assertThat(plan.textFor(VI)).as("Vietnamese is never sent the English text unchosen").isEmpty();
        assertThat(plan.lackingText(NETWORK)).containsExactly("vi");
    }

    @Test
    void aLanguageOfTheAudienceWithoutTextNeedsAChoice() {
        LanguagePlan plan = LanguagePlan.of(NETWORK, map("en", "Back gate.", "es", "Portón."), map());
        assertThat(plan.lackingChoice(List.of(EN, VI, ES, VI))).containsExactly("vi");
        assertThat(plan.lackingChoice(List.of(EN, ES))).as("nobody reads Vietnamese: nothing to choose").isEmpty();
        assertThatThrownBy(() -> plan.requireChoices(List.of(VI)))
                .isInstanceOfSatisfying(LanguagePlan.ChoiceNeeded.class,
                        e -> assertThat(e.languages()).containsExactly("vi"));
    }

    @Test
    void withoutAnyFreeTextNobodyLacksAnything() {
        LanguagePlan plan = LanguagePlan.of(NETWORK, map("en", "  ", "es", ""), map("vi", ""));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.lackingChoice(NETWORK)).isEmpty();
        assertThat(plan.lackingText(NETWORK)).isEmpty();
        assertThat(plan.textFor(VI)).isEmpty();
    }

    @Test
    void theChosenAnotherLanguagesTextOrNothing() {
        LanguagePlan toEnglish = LanguagePlan.of(NETWORK, map("en", "Back gate.", "es", "Portón."),
                map("vi", "text:en"));
        assertThat(toEnglish.textFor(VI)).isEqualTo("Back gate.");
        assertThat(toEnglish.lackingChoice(NETWORK)).isEmpty();
        assertThat(toEnglish.choiceFor(VI)).contains(new LanguagePlan.Choice.TextOf("en"));

        LanguagePlan without = LanguagePlan.of(NETWORK, map("en", "Back gate."), map("vi", "none", "es", "none"));
        assertThat(without.textFor(VI)).isEmpty();
        assertThat(without.textFor(ES)).isEmpty();
        assertThat(without.lackingChoice(NETWORK)).isEmpty();
    }

    @Test
    void aChoiceForALanguageThatHasItsOwnTextIsMoot() {
        LanguagePlan plan = LanguagePlan.of(NETWORK, map("en", "Back gate.", "es", "Portón."), map("es", "text:en"));
        assertThat(plan.textFor(ES)).isEqualTo("Portón.");
        assertThat(plan.choiceValues()).isEmpty();
    }

    @Test
    void refusesForgedChoices() {
        Map<String, String> texts = map("en", "Back gate.");
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, texts, map("fr", "none")))
                .as("a language not in the network").isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.problem()).isEqualTo(LanguagePlan.Problem.UNKNOWN_LANGUAGE));
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, texts, map("vi", "text:es")))
                .as("a source language with no text").isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.problem()).isEqualTo(LanguagePlan.Problem.SOURCE_WITHOUT_TEXT));
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, texts, map("vi", "text:vi")))
                .as("its own (missing) text").isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.problem()).isEqualTo(LanguagePlan.Problem.SOURCE_WITHOUT_TEXT));
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, texts, map("vi", "text:fr")))
                .as("a source outside the network").isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.problem()).isEqualTo(LanguagePlan.Problem.UNKNOWN_LANGUAGE));
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, texts, map("vi", "google-translate")))
                .isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.problem()).isEqualTo(LanguagePlan.Problem.UNKNOWN_CHOICE));
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, texts, map("<script>", "none")))
                .isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.language()).isEqualTo("script"));
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, map("de", "Hintertor."), map()))
                .as("a text in a language not in the network").isInstanceOf(LanguagePlan.Invalid.class);
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, map("en", "x".repeat(501)), map()))
                .isInstanceOfSatisfying(LanguagePlan.Invalid.class,
                        e -> assertThat(e.problem()).isEqualTo(LanguagePlan.Problem.TEXT_TOO_LONG));
    }

    @Test
    void theMessageOfARefusalNamesLanguagesNeverTheText() {
        assertThatThrownBy(() -> LanguagePlan.of(NETWORK, map("en", "Meet at 12 Oak Street"), map("vi", "text:es")))
                .hasMessageNotContaining("Oak");
        assertThat(LanguagePlan.of(NETWORK, map("en", "Meet at 12 Oak Street"), map()).toString())
                .doesNotContain("Oak");
    }

    @Test
    void survivesBeingStoredAndReadBack() {
        LanguagePlan plan = LanguagePlan.of(NETWORK, map("en", "Back gate.", "es", "Portón."), map("vi", "text:en"));
        LanguagePlan back = LanguagePlan.stored(plan.texts(), plan.choiceValues());
        assertThat(back).isEqualTo(plan);
        assertThat(back.textFor(VI)).isEqualTo("Back gate.");
    }
}
