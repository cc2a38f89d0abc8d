package org.aviso.gateway.notify.simulated;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the demo's simulated phones behave.
 *
 * @param receiptDelayMin shortest time before a simulated delivery receipt
 * @param receiptDelayMax longest
 * @param autoReplies     whether simulated staff answer "OK" on their own (off in tests)
 * @param ratePerSecond   the simulated senders' pace
 */
@ConfigurationProperties("aviso.demo.simulation")
public record SimulationProperties(
        @DefaultValue("1s") Duration receiptDelayMin,
        @DefaultValue("4s") Duration receiptDelayMax,
        @DefaultValue("true") boolean autoReplies,
        @DefaultValue("20") double ratePerSecond) {
}
