package org.aviso.gateway.notify.signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.aviso.gateway.notify.ContactDirectory;
import org.aviso.gateway.notify.ContactDirectory.ContactToCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out ahead of an alert who can be reached over Signal, so that the first message goes out on the right
 * channel: every round it asks signal-cli about the numbers whose answer is missing or older than
 * {@code reachabilityMaxAge}, a batch at a time. The lookups spend a quota Signal does not publish; when it runs
 * out (error -5) the round stops and the next rounds are skipped for a while, twice as long each time in a row, up
 * to an hour.
 */
final class SignalReachability {

    static final Duration LONGEST_QUOTA_PAUSE = Duration.ofHours(1);
    static final int BATCHES_PER_ROUND = 4;
    private static final int CDSI_QUOTA = -5;
    private static final Logger log = LoggerFactory.getLogger(SignalReachability.class);

    private final SignalRpcClient client;
    private final ContactDirectory directory;
    private final String account;
    private final Duration maxAge;
    private final int batchSize;
    private final Duration interval;
    private final Clock clock;
    private int quotaHitsInARow;
    private Instant pausedUntil = Instant.MIN;

    SignalReachability(SignalRpcClient client, ContactDirectory directory, SignalProperties properties, Clock clock) {
        this.client = client;
        this.directory = directory;
        this.account = properties.firstAccount();
        this.maxAge = properties.reachabilityMaxAge();
        this.batchSize = properties.reachabilityBatchSize();
        this.interval = properties.reachabilityInterval();
        this.clock = clock;
    }

    synchronized void runRound() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            log.debug("Signal lookups paused for the lookup quota");
            return;
        }
        List<ContactToCheck> due = directory.dueForSignalCheck(maxAge, batchSize * BATCHES_PER_ROUND);
        int recorded = 0;
        for (int from = 0; from < due.size(); from += batchSize) {
            List<ContactToCheck> batch = due.subList(from, Math.min(from + batchSize, due.size()));
            RpcResult<List<UserStatus>> result = client.getUserStatus(account,
                    batch.stream().map(c -> c.phone().e164()).toList());
            if (result instanceof RpcResult.Ok<List<UserStatus>> ok) {
                recorded += record(batch, ok.value());
            } else if (result instanceof RpcResult.Refused<List<UserStatus>> refused
                    && refused.code() == CDSI_QUOTA) {
                pauseForQuota(now);
                return;
            } else {
                log.warn("Checking who is on Signal failed ({}); trying again next round",
                        SignalRpcClient.describe(result));
                return;
            }
        }
        quotaHitsInARow = 0;
        if (recorded > 0) {
            log.debug("Checked {} numbers on Signal", recorded);
        }
    }

    /** Until when lookups are paused, if they are. */
    synchronized Optional<Instant> pausedUntil() {
        return clock.instant().isBefore(pausedUntil) ? Optional.of(pausedUntil) : Optional.empty();
    }

    private int record(List<ContactToCheck> batch, List<UserStatus> statuses) {
        Map<String, UserStatus> byNumber = new HashMap<>();
        for (UserStatus status : statuses) {
            if (status.recipient() != null) {
                byNumber.put(status.recipient(), status);
            }
            if (status.number() != null) {
                byNumber.putIfAbsent(status.number(), status);
            }
        }
        int recorded = 0;
        for (ContactToCheck contact : batch) {
            UserStatus status = byNumber.get(contact.phone().e164());
            if (status != null) {
                Optional<String> aci = status.registered() ? Optional.ofNullable(status.uuid()) : Optional.empty();
                directory.recordSignalStatus(contact.person(), status.registered(), aci);
                recorded++;
            }
        }
        return recorded;
    }

    private void pauseForQuota(Instant now) {
        quotaHitsInARow++;
        Duration pause = interval.multipliedBy(1L << Math.min(quotaHitsInARow, 20));
        if (pause.compareTo(LONGEST_QUOTA_PAUSE) > 0) {
            pause = LONGEST_QUOTA_PAUSE;
        }
        pausedUntil = now.plus(pause);
        log.warn("Signal's lookup quota is spent (error -5); pausing lookups for {} min. Until then new numbers "
                + "get SMS when their Signal status is unknown.", pause.toMinutes());
    }
}
