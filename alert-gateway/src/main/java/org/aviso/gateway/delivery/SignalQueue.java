package org.aviso.gateway.delivery;

import java.time.Duration;
import java.util.List;

import org.aviso.core.common.Channel;
import org.aviso.core.common.NetworkId;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.SenderAccount;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How long people wait in the paced Signal queue, for the composer and the settings page: the network's queue limit
 * (past it a person gets SMS instead) and, from the Signal senders' rates, when the last of an alert's Signal
 * recipients would get theirs.
 */
@Component
public class SignalQueue {

    /** The limit's bounds on the settings page (the database allows more; these are the sensible ones). */
    public static final int MIN_LIMIT_SECONDS = 10;
    public static final int MAX_LIMIT_SECONDS = 3600;

    private final JdbcClient jdbc;
    private final List<Notifier> notifiers;

    SignalQueue(JdbcClient jdbc, List<Notifier> notifiers) {
        this.jdbc = jdbc;
        this.notifiers = notifiers;
    }

    /** The network's queue limit (2 minutes unless an administrator changed it). */
    public Duration limit(NetworkId network) {
        return Duration.ofSeconds(jdbc.sql("select signal_queue_limit_seconds from network where id = :id")
                .param("id", network.value()).query(Integer.class).optional().orElse(120));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void saveLimit(NetworkId network, Duration limit) {
        jdbc.sql("update network set signal_queue_limit_seconds = :s where id = :id")
                .param("s", (int) limit.toSeconds()).param("id", network.value()).update();
    }

    /** Signal messages per second all Signal senders together may send; 0 when Signal is not configured. */
    public double ratePerSecond() {
        return notifiers.stream().filter(n -> n.channel() == Channel.SIGNAL)
                .flatMap(n -> n.senders().stream()).mapToDouble(SenderAccount::ratePerSecond).sum();
    }

    /**
     * For {@code people} to be sent on Signal now: when the last of them would get theirs, and how many would be past
     * the limit and get SMS instead. An estimate (other alerts may share the queue); nobody is sent twice either way.
     */
    public Estimate estimate(NetworkId network, int people) {
        return estimate(people, ratePerSecond(), limit(network));
    }

    static Estimate estimate(int people, double rate, Duration limit) {
        if (people <= 0 || rate <= 0) {
            return new Estimate(people, Duration.ZERO, limit, 0, rate);
        }
        Duration last = Duration.ofMillis((long) Math.ceil(people / rate * 1000));
        long withinLimit = (long) Math.floor(rate * limit.toMillis() / 1000.0);
        int overLimit = (int) Math.max(0, people - withinLimit);
        return new Estimate(people, last, limit, overLimit, rate);
    }

    /** @param lastIn when the last person would get theirs; {@code overLimit} of them get SMS instead */
    public record Estimate(int people, Duration lastIn, Duration limit, int overLimit, double ratePerSecond) {

        /** Whole minutes, rounded up, for the page (at least 1 when anyone waits). */
        public long lastInMinutes() {
            return people == 0 ? 0 : Math.max(1, (lastIn.toSeconds() + 59) / 60);
        }

        public long limitMinutes() {
            return Math.max(1, (limit.toSeconds() + 59) / 60);
        }

        public long limitSeconds() {
            return limit.toSeconds();
        }
    }
}
