package org.aviso.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailedSignIns failed sign-ins in a row before the account locks
 * @param lockout          how long a locked account stays locked
 * @param failureDelayCap  the longest pause added to a failed sign-in (the pause doubles with each failure)
 * @param enrollmentValidity how long a site contact's enrollment code can be used
 * @param metricsToken     bearer token for /actuator/prometheus; unset means only a signed-in administrator
 */
@ConfigurationProperties("aviso.security")
public record SecurityProperties(
        @DefaultValue("5") int maxFailedSignIns,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("3s") Duration failureDelayCap,
        @DefaultValue("72h") Duration enrollmentValidity,
        String metricsToken) {

    @Override
    public String toString() {
        return "SecurityProperties[maxFailedSignIns=" + maxFailedSignIns + ", lockout=" + lockout
                + ", metricsToken=" + (metricsToken == null ? "unset" : "set") + "]";
    }
}
