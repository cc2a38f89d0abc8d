package org.aviso.gateway.notify.sms;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The SMS channel is on when {@code aviso.twilio.account-sid} has text: the same test {@code DemoMode} makes, so an
 * empty {@code AVISO_TWILIO_ACCOUNT_SID=} leaves both the channel and demo mode as if it were unset.
 */
class TwilioConfigured implements Condition {

    static final String ACCOUNT_SID = "aviso.twilio.account-sid";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(ACCOUNT_SID));
    }
}
