package org.aviso.gateway.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberMaskTest {

    @Test
    void masksInternationalAndNationalFormsKeepingTheLastTwoDigits() {
        assertThat(PhoneNumberMask.mask("send to +15550100002 failed")).isEqualTo("send to [phone •••02] failed");
        assertThat(PhoneNumberMask.mask("from +1 555 010 0002")).isEqualTo("from [phone •••02]");
        assertThat(PhoneNumberMask.mask("call (555) 010-0042 now")).isEqualTo("call [phone •••42] now");
        assertThat(PhoneNumberMask.mask("number 5550100017")).isEqualTo("number [phone •••17]");
        assertThat(PhoneNumberMask.mask("+34 612 345 678")).doesNotContain("345");
    }

    @Test
    void leavesDatesTimesIdsAndUuidsAlone() {
        String line = "2026-11-23T03:30:54.675Z INFO 4707 --- [main] report:7d9e2c1a-1234-4c5b-8e9f-123456789012 seq=12";
        assertThat(PhoneNumberMask.mask(line)).isEqualTo(line);
    }
}
