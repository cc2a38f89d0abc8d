package org.aviso.gateway.settings;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Whether this installation is a demo: simulated channels, seed data, a banner on every page. It is on unless
 * {@code aviso.demo.enabled} says otherwise or a real channel (signal-cli URL or Twilio account) is configured,
 * so a real installation can never be mistaken for a demo and a demo never sends a real message.
 */
@Component
public class DemoMode {

    private final boolean enabled;

    public DemoMode(Environment environment) {
        this.enabled = decide(environment);
    }

    public static boolean decide(Environment environment) {
        String explicit = environment.getProperty("aviso.demo.enabled");
        if (StringUtils.hasText(explicit)) {
            return Boolean.parseBoolean(explicit.strip());
        }
        boolean realSignal = StringUtils.hasText(environment.getProperty("aviso.signal.base-url"));
        boolean realSms = StringUtils.hasText(environment.getProperty("aviso.twilio.account-sid"));
        return !realSignal && !realSms;
    }

    public boolean enabled() {
        return enabled;
    }
}
