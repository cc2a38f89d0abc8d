package org.aviso.core.escalation;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;
import org.aviso.core.common.EscalationId;

/**
 * A policy and its targets frozen when a page or alert starts. Editing the tree or the policy afterwards does not
 * change an escalation in flight: the snapshot is what the engine runs.
 *
 * @param targets each target name of the policy's notify steps, with its recipients in order
 */
public record EscalationSnapshot(
        EscalationId id, EscalationPolicy policy, Map<String, List<Recipient>> targets, Instant startedAt) {

    public EscalationSnapshot {
        Checks.required(id, "escalation id");
        Checks.required(policy, "policy");
        Checks.required(targets, "targets");
        Checks.required(startedAt, "startedAt");
        Map<String, List<Recipient>> copy = new LinkedHashMap<>();
        targets.forEach((name, recipients) -> copy.put(Checks.required(name, "target name"),
                List.copyOf(Checks.noNulls(recipients, "recipients of " + name))));
        for (EscalationStep step : policy.steps()) {
            if (step instanceof EscalationStep.Notify notify && !copy.containsKey(notify.targetName())) {
                throw new IllegalArgumentException("target " + notify.targetName() + " was not resolved");
            }
        }
        targets = Collections.unmodifiableMap(copy);
    }

    /** Copies the policy's targets so later changes to the caller's collections or tree cannot reach in. */
    public static EscalationSnapshot freeze(EscalationId id, EscalationPolicy policy,
            Map<String, ? extends Collection<Recipient>> targets, Instant startedAt) {
        Checks.required(targets, "targets");
        Map<String, List<Recipient>> copy = new LinkedHashMap<>();
        targets.forEach((name, recipients) -> copy.put(name, List.copyOf(Checks.noNulls(recipients, "recipients"))));
        return new EscalationSnapshot(id, policy, copy, startedAt);
    }

    public List<Recipient> target(String name) {
        return targets.getOrDefault(name, List.of());
    }
}
