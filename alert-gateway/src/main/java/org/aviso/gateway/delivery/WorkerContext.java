package org.aviso.gateway.delivery;

import java.time.Clock;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.Notifier;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every stage of one channel's claim-send-record pipeline shares: the channel's notifier, the outbox, the
 * transactions around it, both clocks and this node's lease owner id.
 *
 * @param clock     the domain clock (due times, sent times) that tests drive
 * @param wallClock physical time, for leases and pacing
 * @param owner     this node's id, written as the lease owner of the rows it claims
 */
record WorkerContext(Notifier notifier, Outbox outbox, TransactionTemplate transactions, Clock clock, Clock wallClock,
        DeliveryProperties properties, String owner) {

    Channel channel() {
        return notifier.channel();
    }
}
