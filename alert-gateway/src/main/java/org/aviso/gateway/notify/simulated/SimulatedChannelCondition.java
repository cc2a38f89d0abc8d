package org.aviso.gateway.notify.simulated;

import org.aviso.gateway.settings.DemoMode;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** A simulated channel runs only in demo mode, and only where the real one is not configured. */
abstract class SimulatedChannelCondition implements Condition {

    private final String realChannelProperty;

    SimulatedChannelCondition(String realChannelProperty) {
        this.realChannelProperty = realChannelProperty;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return DemoMode.decide(context.getEnvironment())
                && !StringUtils.hasText(context.getEnvironment().getProperty(realChannelProperty));
    }

    static final class Signal extends SimulatedChannelCondition {
        Signal() {
            super("aviso.signal.base-url");
        }
    }

    static final class Sms extends SimulatedChannelCondition {
        Sms() {
            super("aviso.twilio.account-sid");
        }
    }

    /** Either simulated channel is on. */
    static final class Any implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return new Signal().matches(context, metadata) || new Sms().matches(context, metadata);
        }
    }
}
