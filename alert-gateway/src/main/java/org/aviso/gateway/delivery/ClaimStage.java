package org.aviso.gateway.delivery;

import java.util.List;

import org.aviso.gateway.notify.SenderAccount;

/** The claim stage of a channel's pipeline: takes the lease on a batch of due deliveries, in one transaction. */
final class ClaimStage {

    private final WorkerContext context;

    ClaimStage(WorkerContext context) {
        this.context = context;
    }

    /** Claims the next batch of due deliveries for this node; null or empty when nothing was due. */
    List<Outbox.Claimed> claim() {
        return claim(context.owner());
    }

    /**
     * Claims the next batch of due deliveries under {@code lease}, the id this one claim writes as the rows' lease
     * owner (and every later write of the batch requires); null or empty when nothing was due.
     */
    List<Outbox.Claimed> claim(String lease) {
        return context.transactions().execute(status -> context.outbox().claim(context.channel(), size(),
                lease, context.clock().instant(),
                context.wallClock().instant().plus(context.properties().lease())));
    }

    /**
     * A paced sender must not claim more than it can send within its lease, or a slow batch would outlive it and
     * be taken for the work of a dead node.
     */
    int size() {
        double rate = context.notifier().senders().stream().mapToDouble(SenderAccount::ratePerSecond).sum();
        long affordable = (long) Math.floor(rate * context.properties().lease().toSeconds() / 4.0);
        return (int) Math.max(1, Math.min(context.properties().batchSize(), affordable));
    }
}
