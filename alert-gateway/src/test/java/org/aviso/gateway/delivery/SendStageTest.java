package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.junit.jupiter.api.Test;

import static org.aviso.gateway.delivery.StageFixtures.T0;
import static org.aviso.gateway.delivery.StageFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The send stage: marks a call started before making it, and never throws. */
class SendStageTest {

    private static final SenderAccount SENDER = new SenderAccount("+34600000999", 10, false);

    private final AtomicInteger calls = new AtomicInteger();

    private SendStage stage(Function<OutboundMessage, SendOutcome> answer) {
        return new SendStage(StageFixtures.context(StageFixtures.notifier(Channel.SIGNAL, 10, List.of(SENDER), m -> {
            calls.incrementAndGet();
            return answer.apply(m);
        }), mock(Outbox.class), StageFixtures.properties(200, Duration.ofSeconds(20), 8)));
    }

    /** Call-start marks for rows 1..n, all due now; {@code mark} stands in for the outbox. */
    private static CallStarts starts(int n, Function<java.util.Collection<Long>, Set<Long>> mark) {
        Map<Long, Instant> slots = new LinkedHashMap<>();
        for (long id = 1; id <= n; id++) {
            slots.put(id, T0);
        }
        return new CallStarts(slots, Map.of(), SendStage.START_WINDOW, 64, mark);
    }

    @Test
    void aThrowingNotifierLeavesEveryMessageOfItsCallOutcomeUnknown() {
        SendStage stage = stage(m -> {
            throw new IllegalStateException("bug");
        });

        Map<Long, SendStage.Outcome> result = stage.sendNow(SENDER, List.of(message(1, SENDER.id(), 1),
                message(2, SENDER.id(), 1)), starts(2, HashSet::new));

        assertThat(result).containsOnlyKeys(1L, 2L);
        assertThat(result.values()).allSatisfy(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(SendOutcome.Permanent.of(FailureReason.OUTCOME_UNKNOWN));
            assertThat(outcome.sender()).isEqualTo(SENDER.id());
            assertThat(outcome.at()).isEqualTo(T0);
        });
    }

    @Test
    void aRowTheOutboxRefusesToMarkIsNotOursAndIsNotSent() {
        SendStage stage = stage(m -> SendOutcome.Accepted.of("ref-" + m.deliveryId()));

        Map<Long, SendStage.Outcome> result = stage.sendNow(SENDER, List.of(message(1, SENDER.id(), 1),
                message(2, SENDER.id(), 1)), starts(2, ids -> Set.of(1L)));

        assertThat(result.get(2L)).isSameAs(SendStage.Outcome.NOT_OURS);
        assertThat(result.get(1L).outcome()).isEqualTo(SendOutcome.Accepted.of("ref-1"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aDatabaseFailureWhileMarkingRetriesEveryRowAndCallsNothing() {
        SendStage stage = stage(m -> SendOutcome.Accepted.of("ref"));

        Map<Long, SendStage.Outcome> result = stage.sendNow(SENDER, List.of(message(1, SENDER.id(), 1),
                message(2, SENDER.id(), 1)), starts(2, ids -> {
                    throw new org.springframework.dao.DataAccessResourceFailureException("down");
                }));

        assertThat(calls).hasValue(0);
        assertThat(result).containsOnlyKeys(1L, 2L);
        assertThat(result.values()).allSatisfy(outcome -> assertThat(outcome.outcome())
                .isEqualTo(new SendOutcome.Retryable(FailureReason.NETWORK_ERROR, Duration.ZERO)));
    }

    @Test
    void aCallOfSeveralGoesThroughSendAll() {
        SendStage stage = stage(m -> SendOutcome.Accepted.of("ref-" + m.deliveryId()));

        Map<Long, SendStage.Outcome> result = stage.sendNow(SENDER, List.of(message(1, SENDER.id(), 1),
                message(2, SENDER.id(), 1), message(3, SENDER.id(), 1)), starts(3, HashSet::new));

        assertThat(result.keySet()).containsExactly(1L, 2L, 3L);
        assertThat(result.get(3L).outcome()).isEqualTo(SendOutcome.Accepted.of("ref-3"));
        assertThat(calls).hasValue(3);
    }
}
