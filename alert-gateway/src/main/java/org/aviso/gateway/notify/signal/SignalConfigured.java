package org.aviso.gateway.notify.signal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The Signal channel is on when {@code aviso.signal.base-url} has a value. A blank value counts as unset, as it
 * does for {@link org.aviso.gateway.settings.DemoMode}, so the two never disagree about whether Signal is real.
 */
class SignalConfigured extends SpringBootCondition {

    static final String BASE_URL = "aviso.signal.base-url";

    static boolean configured(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(BASE_URL));
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return configured(context) ? ConditionOutcome.match(BASE_URL + " is set")
                : ConditionOutcome.noMatch(BASE_URL + " is not set");
    }

    /** The opposite: the Signal channel is off. */
    static final class Not extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context) ? ConditionOutcome.noMatch(BASE_URL + " is set")
                    : ConditionOutcome.match(BASE_URL + " is not set");
        }
    }
}
