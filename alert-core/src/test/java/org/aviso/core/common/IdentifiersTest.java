package org.aviso.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentifiersTest {

    record IdKind(String name, Supplier<Object> random, Function<String, Object> of, Function<UUID, Object> wrap) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                new IdKind("NetworkId", NetworkId::random, NetworkId::of, NetworkId::new),
                new IdKind("SiteId", SiteId::random, SiteId::of, SiteId::new),
                new IdKind("GroupId", GroupId::random, GroupId::of, GroupId::new),
                new IdKind("PersonId", PersonId::random, PersonId::of, PersonId::new),
                new IdKind("ReportId", ReportId::random, ReportId::of, ReportId::new),
                new IdKind("IncidentId", IncidentId::random, IncidentId::of, IncidentId::new),
                new IdKind("AlertId", AlertId::random, AlertId::of, AlertId::new),
                new IdKind("EscalationId", EscalationId::random, EscalationId::of, EscalationId::new))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void randomIdsAreDistinctAndRoundTripThroughText(IdKind kind) {
        Object first = kind.random().get();
        Object second = kind.random().get();

        assertThat(first).isNotEqualTo(second);
        assertThat(kind.of().apply(first.toString())).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rejectsTextThatIsNotACanonicalUuid(IdKind kind) {
        assertThatThrownBy(() -> kind.of().apply("not-a-uuid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(kind.name());
        assertThatThrownBy(() -> kind.of().apply("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kind.of().apply(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kind.wrap().apply(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
