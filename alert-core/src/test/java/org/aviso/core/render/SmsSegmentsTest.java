package org.aviso.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void oneHundredSixtyGsmCharactersFitOneSegmentAndOneMoreMakesTwo() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegments(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(new SmsSegments(Encoding.GSM_7, 161, 2));
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void seventyUcs2CharactersFitOneSegmentAndOneMoreMakesTwo() {
        assertThat(SmsSegments.count("á".repeat(70))).isEqualTo(new SmsSegments(Encoding.UCS_2, 70, 1));
        assertThat(SmsSegments.count("á".repeat(71))).isEqualTo(new SmsSegments(Encoding.UCS_2, 71, 2));
        assertThat(SmsSegments.count("á".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("á".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void oneUnicodeCharacterSwitchesTheWholeMessageToUcs2() {
        SmsSegments segments = SmsSegments.count("a".repeat(152) + "ó");

        assertThat(segments.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(segments.segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(new SmsSegments(Encoding.GSM_7, 162, 2));
        assertThat(SmsSegments.count("^{}[]~\\|").units()).isEqualTo(16);
    }

    @Test
    void anEscapedCharacterIsNeverSplitAcrossSegments() {
        // 306 septets would fill exactly two 153-septet parts, but the 2-septet '€' after 152 'a' cannot straddle
        // the boundary, so it starts the second part and the last 'a' spills into a third.
        SmsSegments segments = SmsSegments.count("a".repeat(152) + "€" + "a".repeat(152));

        assertThat(segments.units()).isEqualTo(306);
        assertThat(segments.segments()).isEqualTo(3);
    }

    @Test
    void spanishEnyeAccentedEAndInvertedMarksStayInGsm7() {
        assertThat(SmsSegments.count("ñ é ü ¿ ¡ Ñ É Ü").encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(SmsSegments.count("¿Los niños están bien? ¡Sí!").encoding()).isEqualTo(Encoding.UCS_2);
    }

    @Test
    void accentedAIOUForceUcs2() {
        for (String vowel : new String[] {"á", "í", "ó", "ú", "Á", "Í", "Ó", "Ú"}) {
            assertThat(SmsSegments.count("inmigraci" + vowel + "n").encoding()).as(vowel).isEqualTo(Encoding.UCS_2);
        }
    }

    @Test
    void emojiCountAsTwoUnitsAndAreNotSplit() {
        assertThat(SmsSegments.count("OK 👍").units()).isEqualTo(5);
        assertThat(SmsSegments.count("👍".repeat(35)).segments()).isEqualTo(1);
        // 66 units then a surrogate pair: the pair starts the second part instead of straddling the boundary.
        assertThat(SmsSegments.count("á".repeat(66) + "👍" + "á".repeat(66)).segments()).isEqualTo(3);
    }

    @Test
    void anEmptyTextCostsNothing() {
        assertThat(SmsSegments.count("")).isEqualTo(new SmsSegments(Encoding.GSM_7, 0, 0));
        assertThatThrownBy(() -> SmsSegments.count(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmsSegments(Encoding.GSM_7, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstCharactersOfEachGsmTableAreGsm7Too() {
        // '@' opens the basic table and the form feed the extension table: both must count as GSM-7
        assertThat(SmsSegments.count("@".repeat(160))).isEqualTo(new SmsSegments(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.isGsm7("\f")).isTrue();
        assertThat(SmsSegments.count("\f".repeat(80))).isEqualTo(new SmsSegments(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.count("\f".repeat(81))).isEqualTo(new SmsSegments(Encoding.GSM_7, 162, 2));
    }

    @Test
    void aCountWithoutAnEncodingOrWithUnitsButNoSegmentsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmsSegments(null, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmsSegments(Encoding.GSM_7, 5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmsSegments(Encoding.GSM_7, -1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
