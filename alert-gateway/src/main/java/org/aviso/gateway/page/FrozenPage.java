package org.aviso.gateway.page;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.escalation.EscalationStep;
import org.aviso.core.escalation.StopCondition;
import tools.jackson.databind.json.JsonMapper;

/**
 * What is frozen when a page starts: the policy's steps and the people each target resolved to (ids only: contact
 * details are read when a message is sent, so a corrected number is used, but nobody joins or leaves a page in
 * flight). Stored as JSON in {@code escalation.snapshot}.
 */
record FrozenPage(String policyName, List<Step> steps, int repeat, String stopWhen, Map<String, List<UUID>> targets) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Step(String target, String channels, Long waitSeconds) {
    }

    static FrozenPage of(EscalationPolicy policy, Map<String, List<UUID>> targets) {
        List<Step> steps = new ArrayList<>();
        for (EscalationStep step : policy.steps()) {
            if (step instanceof EscalationStep.Notify notify) {
                steps.add(new Step(notify.targetName(), notify.channels().name(), null));
            } else {
                steps.add(new Step(null, null, ((EscalationStep.Wait) step).duration().toSeconds()));
            }
        }
        return new FrozenPage(policy.name(), steps, policy.repeat(), policy.stopWhen().name(),
                new LinkedHashMap<>(targets));
    }

    EscalationPolicy toPolicy() {
        List<EscalationStep> domainSteps = new ArrayList<>();
        for (Step step : steps) {
            domainSteps.add(step.target() != null
                    ? new EscalationStep.Notify(step.target(), ChannelPolicy.valueOf(step.channels()))
                    : new EscalationStep.Wait(Duration.ofSeconds(step.waitSeconds())));
        }
        return new EscalationPolicy(policyName, domainSteps, repeat, StopCondition.valueOf(stopWhen));
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    static FrozenPage fromJson(String json) {
        return JSON.readValue(json, FrozenPage.class);
    }
}
