package org.aviso.gateway.notify.signal;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.SafetyNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.calls;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;

/** Re-trusting a changed safety number is signal-cli's {@code trust} (contracts/signal-cli.md §2, §5.2). */
class SignalSafetyNumbersTest {

    static final String SECOND_ACCOUNT = "+15550100010";
    static final PhoneNumber FAMILY = new PhoneNumber("+15550100042");

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private SafetyNumbers safetyNumbers(String... accounts) {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).accounts(accounts).build();
        return new SignalSafetyNumbers(SignalRpcClient.from(properties), properties);
    }

    private static JsonNode params(LoggedRequest request) {
        return SignalJson.MAPPER.readTree(request.getBodyAsString()).path("params");
    }

    @Test
    void asksEachOfOurAccountsToTrustAllKnownKeysOfThatNumber() {
        daemon.stubFor(rpc("trust").willReturn(answer("trust")));

        assertThat(safetyNumbers(ACCOUNT, SECOND_ACCOUNT).trust(FAMILY)).isEqualTo(SafetyNumbers.Outcome.TRUSTED);

        List<LoggedRequest> trusts = calls(daemon, "trust");
        assertThat(trusts).hasSize(2);
        assertThat(trusts.stream().map(r -> params(r).path("account").stringValue()))
                .containsExactly(ACCOUNT, SECOND_ACCOUNT);
        for (LoggedRequest trust : trusts) {
            assertThat(params(trust).path("recipient").stringValue()).isEqualTo(FAMILY.e164());
            assertThat(params(trust).path("trustAllKnownKeys").asBoolean()).isTrue();
            assertThat(params(trust).has("verifiedSafetyNumber")).isFalse();
        }
    }

    @Test
    void aRefusalIsReportedAndNotTakenForSuccess() {
        daemon.stubFor(rpc("trust").willReturn(answer("trust-failed")));

        assertThat(safetyNumbers(ACCOUNT).trust(FAMILY)).isEqualTo(SafetyNumbers.Outcome.REFUSED);
    }

    @Test
    void aDaemonThatIsDownIsUnavailableNotTrusted() {
        SignalProperties properties = TestProperties.daemonAt("http://127.0.0.1:" + SignalCli.closedPort()).build();
        SafetyNumbers down = new SignalSafetyNumbers(SignalRpcClient.from(properties), properties);

        assertThat(down.trust(FAMILY)).isEqualTo(SafetyNumbers.Outcome.UNAVAILABLE);
    }
}
