package org.aviso.gateway.notify.sms;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.Secret;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;

/**
 * The Twilio account Aviso sends SMS through ({@code AVISO_TWILIO_*}). The SMS channel is on exactly when
 * {@code accountSid} is set; only then are the other settings checked.
 *
 * @param accountSid          the account SID ({@code AC…}), not secret
 * @param authToken           the account's auth token: it authenticates API calls and signs webhooks. Bound from
 *                            text, held only as a {@link Secret}, so this record's text never shows it
 * @param messagingServiceSid the Messaging Service to send through ({@code MG…}); preferred
 * @param fromNumbers         or the Twilio numbers to send from, in E.164 form; exactly one of the two is set
 * @param ratePerSecond       segments per second per sender that Aviso keeps to (Twilio counts MPS in segments)
 * @param validityPeriod      how long Twilio may queue a message before giving up (error 30036): a stale
 *                            alert must fail visibly rather than arrive hours late. Twilio accepts 1 s to 10 h;
 *                            a bare number means seconds, as in Twilio's API
 * @param apiBaseUrl          where the REST API is; unset in production (Twilio's own host), set by tests
 * @param connectTimeout      for opening a connection to Twilio's API
 * @param readTimeout         for Twilio's answer once a request was sent
 */
@ConfigurationProperties("aviso.twilio")
public record TwilioProperties(
        String accountSid,
        Secret authToken,
        String messagingServiceSid,
        List<String> fromNumbers,
        double ratePerSecond,
        Duration validityPeriod,
        URI apiBaseUrl,
        Duration connectTimeout,
        Duration readTimeout) {

    static final Duration MAX_VALIDITY = Duration.ofSeconds(36_000);

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");

    public TwilioProperties {
        accountSid = StringUtils.hasText(accountSid) ? accountSid.strip() : null;
        messagingServiceSid = StringUtils.hasText(messagingServiceSid) ? messagingServiceSid.strip() : null;
        fromNumbers = fromNumbers == null ? List.of()
                : fromNumbers.stream().filter(StringUtils::hasText).map(String::strip).toList();
        if (accountSid != null) {
            check(accountSid, authToken, messagingServiceSid, fromNumbers, ratePerSecond, validityPeriod, apiBaseUrl,
                    connectTimeout, readTimeout);
        }
    }

    /**
     * How Boot binds the settings: the auth token arrives as text and is kept only as a {@link Secret}. An empty
     * {@code AVISO_TWILIO_AUTH_TOKEN=} counts as unset, so it cannot stop an installation without SMS from starting.
     */
    @ConstructorBinding
    public TwilioProperties(
            String accountSid,
            String authToken,
            String messagingServiceSid,
            List<String> fromNumbers,
            @DefaultValue("1.0") double ratePerSecond,
            @DefaultValue("900s") @DurationUnit(ChronoUnit.SECONDS) Duration validityPeriod,
            URI apiBaseUrl,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("15s") Duration readTimeout) {
        this(accountSid, StringUtils.hasText(authToken) ? Secret.of(authToken.strip()) : null, messagingServiceSid,
                fromNumbers, ratePerSecond, validityPeriod, apiBaseUrl, connectTimeout, readTimeout);
    }

    /** Whether the SMS channel is on. */
    public boolean enabled() {
        return accountSid != null;
    }

    /** The Messaging Service, when Aviso sends through one rather than from its own numbers. */
    public Optional<String> messagingService() {
        return Optional.ofNullable(messagingServiceSid);
    }

    public Optional<URI> apiBase() {
        return Optional.ofNullable(apiBaseUrl);
    }

    private static void check(String accountSid, Secret authToken, String messagingServiceSid,
            List<String> fromNumbers, double ratePerSecond, Duration validityPeriod, URI apiBaseUrl,
            Duration connectTimeout, Duration readTimeout) {
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("aviso.twilio.account-sid (AVISO_TWILIO_ACCOUNT_SID) must be the "
                    + "Account SID from the Twilio console: AC followed by 32 letters and digits");
        }
        if (authToken == null) {
            throw new IllegalArgumentException("aviso.twilio.auth-token (AVISO_TWILIO_AUTH_TOKEN) must be set when "
                    + "aviso.twilio.account-sid is: it is the Auth Token shown next to the Account SID");
        }
        boolean service = messagingServiceSid != null;
        boolean numbers = !fromNumbers.isEmpty();
        if (service == numbers) {
            throw new IllegalArgumentException("Set exactly one of aviso.twilio.messaging-service-sid "
                    + "(AVISO_TWILIO_MESSAGING_SERVICE_SID, preferred) and aviso.twilio.from-numbers "
                    + "(AVISO_TWILIO_FROM_NUMBERS), not " + (service ? "both" : "neither"));
        }
        if (service && !MESSAGING_SERVICE_SID.matcher(messagingServiceSid).matches()) {
            throw new IllegalArgumentException("aviso.twilio.messaging-service-sid must be a Messaging Service SID: "
                    + "MG followed by 32 letters and digits");
        }
        for (int i = 0; i < fromNumbers.size(); i++) {
            try {
                PhoneNumber.of(fromNumbers.get(i));
            } catch (IllegalArgumentException notE164) {
                throw new IllegalArgumentException("aviso.twilio.from-numbers[" + i + "] must be a Twilio number in "
                        + "E.164 form, such as +15551234567");
            }
        }
        if (fromNumbers.stream().distinct().count() != fromNumbers.size()) {
            throw new IllegalArgumentException("aviso.twilio.from-numbers lists a number twice");
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("aviso.twilio.rate-per-second (AVISO_TWILIO_RATE_PER_SECOND) must be "
                    + "a positive number of segments per second, such as 1 or 3");
        }
        if (validityPeriod == null || validityPeriod.compareTo(Duration.ofSeconds(1)) < 0
                || validityPeriod.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("aviso.twilio.validity-period must be between 1s and 36000s (10h); "
                    + "Aviso's default is 900s");
        }
        if (apiBaseUrl != null && (apiBaseUrl.getHost() == null
                || !("https".equals(apiBaseUrl.getScheme()) || "http".equals(apiBaseUrl.getScheme())))) {
            throw new IllegalArgumentException("aviso.twilio.api-base-url must be an absolute http(s) URL; "
                    + "leave it unset to use Twilio's API");
        }
        if (!positive(connectTimeout) || !positive(readTimeout)) {
            throw new IllegalArgumentException("aviso.twilio.connect-timeout and aviso.twilio.read-timeout must be "
                    + "positive durations, such as 5s and 15s");
        }
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
