package org.aviso.gateway.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback layout that writes every line, stack traces included, through {@link PhoneNumberMask}. */
public class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return PhoneNumberMask.mask(super.doLayout(event));
    }
}
