package org.aviso.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShortCodeTest {

    @Test
    void generatedCodesUseOnlyUnambiguousCharacters() {
        SplittableRandom random = new SplittableRandom(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ShortCode code = ShortCode.generate(random);
            assertThat(code.value()).hasSize(8).doesNotContainPattern("[01OILU]");
            seen.add(code.value());
        }
        assertThat(seen).hasSize(2_000);
    }

    @Test
    void displaysInTwoGroupsOfFour() {
        assertThat(new ShortCode("ABCD2345").display()).isEqualTo("ABCD-2345");
        assertThat(new ShortCode("ABCD2345").toString()).isEqualTo("ABCD-2345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcd-2345", "ABCD2345", " abcd 2345 ", "Ab Cd-23 45", "ABCD-2345"})
    void parsesCodesAsPeopleTypeThem(String typed) {
        assertThat(ShortCode.parse(typed)).isEqualTo(new ShortCode("ABCD2345"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD-234", "ABCD-23456", "AB-CD-2345", "ABCD-0345", "OBCD-2345", "IBCD-2345",
            "LBCD-2345", "UBCD-2345", "ABCD_2345", ""})
    void rejectsMalformedOrAmbiguousCodes(String typed) {
        assertThatThrownBy(() -> ShortCode.parse(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void displayFormParsesBack() {
        ShortCode code = ShortCode.generate(new SplittableRandom(1));
        assertThat(ShortCode.parse(code.display())).isEqualTo(code);
    }
}
