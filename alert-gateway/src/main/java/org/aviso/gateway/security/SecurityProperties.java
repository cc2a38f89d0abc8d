package org.aviso.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param wrongCodesBeforeHold right passphrases with a wrong TOTP code in a row before the account is held (the
 *                             passphrase is then known to someone; wrong passphrases never hold an account)
 * @param hold                 how long a held account stays held; its owner and the administrators are told
 * @param failureDelayCap      the longest pause before the same user name is checked again from the same client
 *                             address after failures (the pause doubles from 1 s with each failure)
 * @param enrollmentValidity   how long a site contact's enrollment code can be used
 * @param metricsToken         bearer token for /actuator/prometheus; unset means only a signed-in administrator
 */
@ConfigurationProperties("aviso.security")
public record SecurityProperties(
        @DefaultValue("3") int wrongCodesBeforeHold,
        @DefaultValue("1h") Duration hold,
        @DefaultValue("1m") Duration failureDelayCap,
        @DefaultValue("72h") Duration enrollmentValidity,
        String metricsToken) {

    @Override
    public String toString() {
        return "SecurityProperties[wrongCodesBeforeHold=" + wrongCodesBeforeHold + ", hold=" + hold
                + ", failureDelayCap=" + failureDelayCap + ", metricsToken=" + (metricsToken == null ? "unset" : "set")
                + "]";
    }
}
