package org.aviso.gateway.notify;

import org.aviso.core.common.PhoneNumber;

/**
 * A changed safety number, accepted again once a person checked it with its owner (in person or by a call). On
 * Signal this is signal-cli's {@code trust}; without a Signal channel there is nothing to trust.
 */
public interface SafetyNumbers {

    enum Outcome {
        /** The channel now sends to this number again. */
        TRUSTED,
        /** The channel answered and refused (e.g. it knows no key for this number): nothing changed. */
        REFUSED,
        /** The channel could not be asked, or its answer was lost: try again later. */
        UNAVAILABLE
    }

    /** Trusts every key the channel has seen for {@code phone}. Never logs or throws with the number in it. */
    Outcome trust(PhoneNumber phone);
}
