package org.aviso.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.EscalationDecisions;
import org.aviso.core.escalation.EscalationEngine;
import org.aviso.core.escalation.EscalationEvent;
import org.aviso.core.escalation.EscalationSnapshot;
import org.aviso.core.escalation.NotifyDecision;

/**
 * Plays the gateway's part around {@link EscalationEngine}: on each tick it asks for decisions, "sends" them and
 * records {@link EscalationEvent.StepNotified} for every step it acted on, as the real outbox would.
 */
public final class PagingHarness {

    private final EscalationSnapshot snapshot;
    private final TestClock clock;
    private final List<EscalationEvent> events = new ArrayList<>();
    private final List<NotifyDecision> sent = new ArrayList<>();
    private EscalationDecisions last;

    public PagingHarness(EscalationSnapshot snapshot, TestClock clock) {
        this.snapshot = snapshot;
        this.clock = clock;
    }

    /** Moves the clock to {@code offset} and ticks; returns what went out on this tick. */
    public List<NotifyDecision> tickAt(Duration offset) {
        clock.moveTo(offset);
        return tick();
    }

    public List<NotifyDecision> tick() {
        last = EscalationEngine.decide(snapshot, List.copyOf(events), clock.instant());
        Set<String> steps = new LinkedHashSet<>();
        for (NotifyDecision decision : last.notifications()) {
            sent.add(decision);
            steps.add(decision.stepKey());
        }
        steps.forEach(step -> events.add(new EscalationEvent.StepNotified(step, clock.instant())));
        return last.notifications();
    }

    public void claimedBy(PersonId person, Duration offset) {
        clock.moveTo(offset);
        events.add(new EscalationEvent.Claimed(person, clock.instant()));
    }

    public void acknowledgedBy(PersonId person, Duration offset) {
        clock.moveTo(offset);
        events.add(new EscalationEvent.Acknowledged(person, clock.instant()));
    }

    public EscalationDecisions lastDecisions() {
        return last;
    }

    public List<NotifyDecision> everythingSent() {
        return List.copyOf(sent);
    }

    public List<EscalationEvent> events() {
        return List.copyOf(events);
    }
}
