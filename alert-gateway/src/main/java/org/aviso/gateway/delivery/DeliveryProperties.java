package org.aviso.gateway.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the durable delivery pipeline.
 *
 * @param enabled        whether this node runs workers (a node can serve pages only)
 * @param batchSize      deliveries a worker claims at once
 * @param trackBatchSize recipient tracks the tracker decides at once
 * @param workersPerChannel claim-send-record loops per channel on this node
 * @param sendConcurrency  provider calls in flight per channel on this node
 * @param lease          how long a claimed delivery stays ours; a node that dies loses it after this (renewed every
 *                       third of it while a batch is sending; with the reclaimer's 5 s pass, a dead node's work is
 *                       picked up within 25 s)
 * @param idlePoll       how often an idle loop looks for due work
 * @param retryBase      first retry delay after a provider error (doubles, with jitter)
 * @param retryMax       longest retry delay
 * @param maxAttempts    attempts before a retryable failure counts as failed
 */
@ConfigurationProperties("aviso.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") int batchSize,
        @DefaultValue("500") int trackBatchSize,
        @DefaultValue("3") int workersPerChannel,
        @DefaultValue("64") int sendConcurrency,
        @DefaultValue("20s") Duration lease,
        @DefaultValue("200ms") Duration idlePoll,
        @DefaultValue("5s") Duration retryBase,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("8") int maxAttempts) {
}
