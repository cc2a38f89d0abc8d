package org.aviso.core.tree;

import org.aviso.core.common.Checks;
import org.aviso.core.common.PhoneNumber;

/**
 * A number and what we know about reaching it.
 *
 * @param phone           the number; its {@code toString()} is masked
 * @param signal          whether it is on Signal
 * @param smsOptedOut     the person replied STOP (or a Spanish equivalent); we must not text them
 * @param smsUnusable     SMS failed permanently (landline, invalid, carrier block)
 * @param identityChanged Signal reported a changed safety number that nobody has re-verified; until then we do not
 *                        send alerts to that identity over Signal, because it may no longer be the person we enrolled
 */
public record ContactPoint(
        PhoneNumber phone, SignalStatus signal, boolean smsOptedOut, boolean smsUnusable, boolean identityChanged) {

    public ContactPoint {
        Checks.required(phone, "phone number");
        Checks.required(signal, "signal status");
    }

    public static ContactPoint onSignal(PhoneNumber phone) {
        return new ContactPoint(phone, SignalStatus.ON_SIGNAL, false, false, false);
    }

    public static ContactPoint notOnSignal(PhoneNumber phone) {
        return new ContactPoint(phone, SignalStatus.NOT_ON_SIGNAL, false, false, false);
    }

    public static ContactPoint signalUnknown(PhoneNumber phone) {
        return new ContactPoint(phone, SignalStatus.UNKNOWN, false, false, false);
    }

    /** Signal is worth trying: on Signal or not known, and no unverified identity change. */
    public boolean reachableBySignal() {
        return signal != SignalStatus.NOT_ON_SIGNAL && !identityChanged;
    }

    public boolean reachableBySms() {
        return !smsOptedOut && !smsUnusable;
    }

    public boolean reachable() {
        return reachableBySignal() || reachableBySms();
    }

    public ContactPoint withSignal(SignalStatus status) {
        return new ContactPoint(phone, status, smsOptedOut, smsUnusable, identityChanged);
    }

    public ContactPoint withSmsOptedOut(boolean optedOut) {
        return new ContactPoint(phone, signal, optedOut, smsUnusable, identityChanged);
    }

    public ContactPoint withSmsUnusable(boolean unusable) {
        return new ContactPoint(phone, signal, smsOptedOut, unusable, identityChanged);
    }

    public ContactPoint withIdentityChanged(boolean changed) {
        return new ContactPoint(phone, signal, smsOptedOut, smsUnusable, changed);
    }
}
