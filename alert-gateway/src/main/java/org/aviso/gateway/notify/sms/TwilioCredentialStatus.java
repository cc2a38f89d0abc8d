package org.aviso.gateway.notify.sms;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether Twilio accepts Aviso's account SID and auth token, as the last sends showed. It starts as accepted: a
 * fresh start with fixed credentials is healthy until Twilio says otherwise.
 */
final class TwilioCredentialStatus {

    static final String REFUSED = "Twilio refused Aviso's credentials (20003): "
            + "check AVISO_TWILIO_ACCOUNT_SID and AVISO_TWILIO_AUTH_TOKEN";

    private final AtomicBoolean refused = new AtomicBoolean();

    /** Records a refusal; true only for the first one since the credentials last worked. */
    boolean markRefused() {
        return refused.compareAndSet(false, true);
    }

    void markAccepted() {
        refused.set(false);
    }

    Optional<String> refusal() {
        return refused.get() ? Optional.of(REFUSED) : Optional.empty();
    }
}
