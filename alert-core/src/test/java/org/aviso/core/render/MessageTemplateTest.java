package org.aviso.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    @Test
    void rejectsUnknownPlaceholdersWhenMadeNotWhenSending() {
        assertThatThrownBy(() -> new MessageTemplate("Alert at {school} {code}"))
                .hasMessageContaining("unknown placeholder {school}");
    }

    @Test
    void rejectsStrayBraces() {
        assertThatThrownBy(() -> new MessageTemplate("Alert {code} {"))
                .hasMessageContaining("brace");
        assertThatThrownBy(() -> new MessageTemplate("Alert {code} {site name}"))
                .hasMessageContaining("brace");
    }

    @Test
    void everyTemplateCarriesTheCode() {
        assertThatThrownBy(() -> new MessageTemplate("Alert at {site}")).hasMessageContaining("{code}");
    }

    @Test
    void listsThePlaceholdersItUsesOnceEachInOrder() {
        assertThat(new MessageTemplate("{site}: {code} at {site}, {verifyUrl}").placeholders())
                .containsExactly("site", "code", "verifyUrl");
    }

    @Test
    void valuesAreInsertedLiterallyAndNeverExpanded() {
        MessageTemplate template = new MessageTemplate("{site}: {code}");

        assertThat(template.fill(Map.of("site", "{code} $1 \\", "code", "ABCD-2345")))
                .isEqualTo("{code} $1 \\: ABCD-2345");
        assertThatThrownBy(() -> template.fill(Map.of("code", "X"))).hasMessageContaining("{site}");
    }
}
