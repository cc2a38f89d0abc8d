package org.aviso.gateway.importing;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import org.aviso.core.common.PhoneNumber;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads phone numbers as school exports hold them ("(555) 010-1234", "555.010.1234 ext 2", "+52 55 1234 5678") with
 * libphonenumber, in the network's default region ({@code aviso.network.phone-region}, US unless set). The error
 * keys never carry the number itself.
 */
@Component
public class PhoneReader {

    /** A cell that is not a number anyone can be reached at: {@link #reason} is a message key. */
    public record Unreadable(String reason) {
    }

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String region;

    public PhoneReader(@Value("${aviso.network.phone-region:US}") String region) {
        String r = region.strip().toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(r)) {
            throw new IllegalStateException("aviso.network.phone-region must be a two-letter region such as US");
        }
        this.region = r;
    }

    public String region() {
        return region;
    }

    /** The number in E.164, or why it cannot be used. */
    public Result read(String cell) {
        try {
            com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parsed = util.parse(cell, region);
            if (!util.isValidNumber(parsed)) {
                return new Result(Optional.empty(), Optional.of(new Unreadable("import.error.phoneInvalid")));
            }
            PhoneNumberUtil.PhoneNumberType type = util.getNumberType(parsed);
            if (type == PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE || type == PhoneNumberUtil.PhoneNumberType.TOLL_FREE
                    || type == PhoneNumberUtil.PhoneNumberType.SHARED_COST) {
                return new Result(Optional.empty(), Optional.of(new Unreadable("import.error.phoneNotPersonal")));
            }
            return new Result(Optional.of(new PhoneNumber(util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))),
                    Optional.empty());
        } catch (NumberParseException | IllegalArgumentException e) {
            return new Result(Optional.empty(), Optional.of(new Unreadable("import.error.phoneUnreadable")));
        }
    }

    public record Result(Optional<PhoneNumber> number, Optional<Unreadable> problem) {
    }
}
