package org.aviso.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final Instant NOW = Instant.parse("2026-03-02T14:00:00Z");
    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private final PersonId sender = PersonId.random();

    private Alert initial(AlertKind kind) {
        return Alert.initial(AlertId.random(), NetworkId.random(), Optional.empty(), kind, sender, NOW, TWO_HOURS,
                new ShortCode("ABCD2345"));
    }

    @Test
    void mapsEachKindOntoCap() {
        assertThat(AlertKind.ADVISORY.capCertainty()).isEqualTo("Possible");
        assertThat(AlertKind.VERIFIED.capMsgType()).isEqualTo("Alert");
        assertThat(AlertKind.VERIFIED.capCertainty()).isEqualTo("Observed");
        assertThat(AlertKind.UPDATE.capMsgType()).isEqualTo("Update");
        assertThat(AlertKind.ALL_CLEAR.capMsgType()).isEqualTo("Update");
        assertThat(AlertKind.ALL_CLEAR.capResponseType()).contains("AllClear");
        assertThat(AlertKind.FALSE_ALARM.capMsgType()).isEqualTo("Cancel");
        assertThat(AlertKind.DRILL.capStatus()).isEqualTo("Exercise");
        assertThat(AlertKind.VERIFIED.capStatus()).isEqualTo("Actual");
        assertThat(AlertKind.VERIFIED.capResponseType()).isEmpty();
    }

    @Test
    void aDrillAndEveryFollowUpOfItIsAnExercise() {
        Alert drill = initial(AlertKind.DRILL);
        Alert allClear = Alert.followUp(drill, AlertId.random(), AlertKind.ALL_CLEAR, sender, NOW.plusSeconds(600),
                TWO_HOURS, new ShortCode("WXYZ2345"));

        assertThat(drill.exercise()).isTrue();
        assertThat(allClear.exercise()).isTrue();
        assertThat(allClear.capStatus()).isEqualTo("Exercise");
        assertThat(initial(AlertKind.VERIFIED).capStatus()).isEqualTo("Actual");
    }

    @Test
    void followUpsReferToTheOriginalAlertEvenWhenFollowingAFollowUp() {
        Alert verified = initial(AlertKind.VERIFIED);
        Alert update = Alert.followUp(verified, AlertId.random(), AlertKind.UPDATE, sender, NOW, TWO_HOURS,
                new ShortCode("WXYZ2345"));
        Alert allClear = Alert.followUp(update, AlertId.random(), AlertKind.ALL_CLEAR, sender, NOW, TWO_HOURS,
                new ShortCode("WXYZ2346"));

        assertThat(update.refersTo()).contains(verified.id());
        assertThat(allClear.refersTo()).contains(verified.id());
        assertThat(allClear.network()).isEqualTo(verified.network());
    }

    @Test
    void followUpsMustReferToAnAlertAndOthersMustNot() {
        AlertId id = AlertId.random();
        assertThatThrownBy(() -> alert(id, AlertKind.UPDATE, Optional.empty(), false))
                .hasMessageContaining("must refer");
        assertThatThrownBy(() -> alert(id, AlertKind.VERIFIED, Optional.of(AlertId.random()), false))
                .hasMessageContaining("cannot refer");
        assertThatThrownBy(() -> alert(id, AlertKind.UPDATE, Optional.of(id), false))
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> alert(id, AlertKind.DRILL, Optional.empty(), false))
                .hasMessageContaining("always an exercise");
        assertThatThrownBy(() -> alert(id, AlertKind.VERIFIED, Optional.empty(), true))
                .hasMessageContaining("use DRILL");
    }

    @Test
    void expiresAtItsExpiryTime() {
        Alert alert = initial(AlertKind.VERIFIED);

        assertThat(alert.isExpired(NOW.plus(TWO_HOURS).minusSeconds(1))).isFalse();
        assertThat(alert.isExpired(NOW.plus(TWO_HOURS))).isTrue();
        assertThatThrownBy(() -> new Alert(AlertId.random(), NetworkId.random(), Optional.empty(),
                AlertKind.VERIFIED, Optional.empty(), false, sender, NOW, NOW, new ShortCode("ABCD2345")))
                .hasMessageContaining("expire after");
    }

    private Alert alert(AlertId id, AlertKind kind, Optional<AlertId> refersTo, boolean exercise) {
        return new Alert(id, NetworkId.random(), Optional.empty(), kind, refersTo, exercise, sender, NOW,
                NOW.plus(TWO_HOURS), new ShortCode("ABCD2345"));
    }
}
