package org.aviso.gateway.notify.signal;

import java.util.List;

import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.SafetyNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-trust on Signal: signal-cli's {@code trust} with {@code trustAllKnownKeys}, once for each of our accounts (each
 * keeps its own identity store, and any of them may send to this person). An administrator calls it after checking
 * the new safety number with the person, so all known keys are accepted rather than a typed-in number.
 */
final class SignalSafetyNumbers implements SafetyNumbers {

    private static final Logger log = LoggerFactory.getLogger(SignalSafetyNumbers.class);

    private final SignalRpcClient client;
    private final List<String> accounts;

    SignalSafetyNumbers(SignalRpcClient client, SignalProperties properties) {
        this.client = client;
        this.accounts = List.copyOf(properties.accounts());
    }

    @Override
    public Outcome trust(PhoneNumber phone) {
        for (String account : accounts) {
            RpcResult<Void> result = client.trust(account, phone.e164());
            if (result instanceof RpcResult.Refused<Void> refused) {
                log.warn("signal-cli refused to trust a safety number (error {})", refused.code());
                return Outcome.REFUSED;
            }
            if (!(result instanceof RpcResult.Ok<Void>)) {
                log.warn("signal-cli could not be asked to trust a safety number: {}", SignalRpcClient.describe(result));
                return Outcome.UNAVAILABLE;
            }
        }
        return Outcome.TRUSTED;
    }
}
