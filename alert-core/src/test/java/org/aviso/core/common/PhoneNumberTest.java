package org.aviso.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"+14155550142", "+5215512345678", "+34600123456", "+12345678", "+123456789012345"})
    void acceptsE164Numbers(String e164) {
        assertThat(new PhoneNumber(e164).e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"14155550142", "+04155550142", "+1234567", "+1234567890123456", "+1 415 555 0142",
            "+1415555014a", "", "+"})
    void rejectsAnythingThatIsNotE164WithoutEchoingIt(String text) {
        assertThatThrownBy(() -> new PhoneNumber(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E.164")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("415555", "1234567"));
    }

    @Test
    void rejectsMissingNumber() {
        assertThatThrownBy(() -> new PhoneNumber(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsOnlyTheLastTwoDigits() {
        PhoneNumber phone = PhoneNumber.of("+14155550142");

        assertThat(phone.toString()).isEqualTo("+•••••••••42").doesNotContain("4155550");
        assertThat(phone.masked()).isEqualTo(phone.toString());
    }

    @Test
    void recordsThatHoldANumberDoNotPrintIt() {
        record Holder(PhoneNumber phone) {
        }

        assertThat(new Holder(PhoneNumber.of("+14155550142")).toString()).doesNotContain("41555501");
    }

    @Test
    void revealsAtMostFourLastDigits() {
        PhoneNumber phone = PhoneNumber.of("+14155550142");

        assertThat(phone.lastDigits(2)).isEqualTo("42");
        assertThat(phone.lastDigits(4)).isEqualTo("0142");
        assertThatThrownBy(() -> phone.lastDigits(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> phone.lastDigits(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
