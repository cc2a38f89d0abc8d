package org.aviso.core.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.junit.jupiter.api.Test;

class PersonAndContactTest {

    private final PhoneNumber phone = PhoneNumber.of("+14155550142");

    private Person family(Optional<String> label) {
        return new Person(PersonId.random(), NetworkId.random(), Set.of(Role.FAMILY), Language.SPANISH,
                ContactPoint.onSignal(phone), label);
    }

    @Test
    void aFamilyIsAContactPointWithAnOptionalLabel() {
        Person person = family(Optional.of("Room 12 family"));

        assertThat(person.label()).contains("Room 12 family");
        assertThat(person.hasRole(Role.FAMILY)).isTrue();
        assertThat(person.hasRole(Role.STAFF)).isFalse();
    }

    @Test
    void aPersonHasNoFieldForStatusNationalityOrStudentNames() {
        assertThat(Arrays.stream(Person.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("id", "network", "roles", "language", "contact", "label");
    }

    @Test
    void printingAPersonDoesNotRevealTheirNumber() {
        assertThat(family(Optional.empty()).toString()).doesNotContain("4155550142").contains("•••42");
    }

    @Test
    void labelsAreShortSingleLines() {
        assertThatThrownBy(() -> family(Optional.of("x".repeat(61)))).hasMessageContaining("at most 60");
        assertThatThrownBy(() -> family(Optional.of("Room 12\nfamily"))).hasMessageContaining("single line");
        assertThatThrownBy(() -> new Person(PersonId.random(), NetworkId.random(), Set.of(), Language.ENGLISH,
                ContactPoint.onSignal(phone), Optional.empty())).hasMessageContaining("at least one role");
    }

    @Test
    void contactPointKnowsWhichChannelsAreUsable() {
        ContactPoint onSignal = ContactPoint.onSignal(phone);
        assertThat(onSignal.reachableBySignal()).isTrue();
        assertThat(onSignal.reachableBySms()).isTrue();

        assertThat(ContactPoint.signalUnknown(phone).reachableBySignal()).isTrue();
        assertThat(ContactPoint.notOnSignal(phone).reachableBySignal()).isFalse();
        assertThat(onSignal.withIdentityChanged(true).reachableBySignal()).isFalse();
        assertThat(onSignal.withSmsOptedOut(true).reachableBySms()).isFalse();
        assertThat(onSignal.withSmsUnusable(true).reachableBySms()).isFalse();
        assertThat(ContactPoint.notOnSignal(phone).withSmsOptedOut(true).reachable()).isFalse();
        assertThat(onSignal.withSignal(SignalStatus.NOT_ON_SIGNAL).signal()).isEqualTo(SignalStatus.NOT_ON_SIGNAL);
    }
}
