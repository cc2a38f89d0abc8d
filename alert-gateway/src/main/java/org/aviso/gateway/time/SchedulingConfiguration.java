package org.aviso.gateway.time;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic jobs (retention, reachability, group sync) run unless a test or a command turns them off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "aviso.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
