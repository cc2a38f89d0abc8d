package org.aviso.gateway.notify.sms;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code sms} member of the readiness group: DOWN while Twilio refuses Aviso's credentials, with the reason,
 * until a send succeeds again. It exists even when the SMS channel is off (then it is UP and says so), because
 * Boot refuses to start when a health group lists a member that does not exist.
 */
@Component("sms")
public class TwilioHealthIndicator implements HealthIndicator {

    private final ObjectProvider<TwilioCredentialStatus> credentials;

    TwilioHealthIndicator(ObjectProvider<TwilioCredentialStatus> credentials) {
        this.credentials = credentials;
    }

    @Override
    public Health health() {
        TwilioCredentialStatus status = credentials.getIfAvailable();
        if (status == null) {
            return Health.up().withDetail("channel", "off").build();
        }
        return status.refusal()
                .map(reason -> Health.down().withDetail("reason", reason).build())
                .orElseGet(() -> Health.up().withDetail("channel", "twilio").build());
    }
}
