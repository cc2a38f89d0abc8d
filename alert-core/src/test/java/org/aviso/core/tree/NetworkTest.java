package org.aviso.core.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.quorum.QuorumPolicy;
import org.junit.jupiter.api.Test;

class NetworkTest {

    @Test
    void defaultsMatchTheProduct() {
        Network network = Network.defaults(NetworkId.random(), "Eastside RRN");

        assertThat(network.languages()).containsExactly(Language.ENGLISH, Language.SPANISH);
        assertThat(network.quorum()).isEqualTo(new QuorumPolicy(2, 1));
        assertThat(network.incidentWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(network.incidentExpiry()).isEqualTo(Duration.ofHours(12));
        assertThat(network.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(network.receiptTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void everyNetworkSpeaksEnglishAndSpanish() {
        assertThatThrownBy(() -> network(List.of(Language.ENGLISH), Duration.ofMinutes(30)))
                .hasMessageContaining("English (en) and Spanish (es)");
        assertThatThrownBy(() -> network(List.of(Language.ENGLISH, Language.SPANISH, Language.SPANISH),
                Duration.ofMinutes(30))).hasMessageContaining("repeat");
        assertThat(network(List.of(Language.ENGLISH, Language.SPANISH, Language.of("vi")), Duration.ofMinutes(30))
                .languages()).hasSize(3);
    }

    @Test
    void incidentWindowFitsInsideTheExpiry() {
        assertThatThrownBy(() -> network(List.of(Language.ENGLISH, Language.SPANISH), Duration.ofHours(13)))
                .hasMessageContaining("window");
    }

    private Network network(List<Language> languages, Duration window) {
        return new Network(NetworkId.random(), "N", languages, QuorumPolicy.defaults(), window, Duration.ofHours(12),
                Duration.ofDays(30), Duration.ofSeconds(90));
    }
}
