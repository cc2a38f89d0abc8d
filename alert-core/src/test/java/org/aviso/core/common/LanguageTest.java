package org.aviso.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

    @Test
    void normalisesTheUsualSpellings() {
        assertThat(Language.of(" ES ")).isEqualTo(Language.SPANISH);
        assertThat(Language.of("es_MX")).isEqualTo(new Language("es-mx"));
        assertThat(Language.of("en").toString()).isEqualTo("en");
    }

    @Test
    void knowsItsPrimaryLanguage() {
        assertThat(Language.of("es-MX").primary()).isEqualTo(Language.SPANISH);
        assertThat(Language.ENGLISH.primary()).isEqualTo(Language.ENGLISH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES", "e", "english", "es--mx", "es-", "1a", ""})
    void constructorAcceptsOnlyCanonicalTags(String tag) {
        assertThatThrownBy(() -> new Language(tag)).isInstanceOf(IllegalArgumentException.class);
    }
}
