package org.aviso.gateway.notify.signal;

import org.aviso.gateway.notify.SafetyNumbers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * When the Signal channel is off, the readiness group still names {@code signal}, and Boot refuses to start with a
 * group member that does not exist. This says "off" there instead, without making the application unready.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SignalConfigured.Not.class)
class SignalOffConfiguration {

    @Bean("signal")
    HealthIndicator signalChannelOff() {
        return () -> Health.up().withDetail("channel", "off (" + SignalConfigured.BASE_URL + " is not set)").build();
    }

    /** Without a Signal channel no key is kept anywhere, so there is nothing to trust: clearing the mark is enough. */
    @Bean
    SafetyNumbers noSignalSafetyNumbers() {
        return phone -> SafetyNumbers.Outcome.TRUSTED;
    }
}
