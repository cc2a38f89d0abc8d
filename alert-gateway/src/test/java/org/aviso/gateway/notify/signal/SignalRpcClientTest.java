package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.calls;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;

class SignalRpcClientTest {

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private SignalRpcClient client;

    @BeforeEach
    void connect() {
        client = SignalRpcClient.from(TestProperties.daemonAt(daemon.baseUrl()).build());
    }

    @Test
    void sendsJsonRpcWithAFreshStringIdAndTheAccountEveryTime() {
        daemon.stubFor(rpc("send").willReturn(answer("send-full-success")));

        client.send(ACCOUNT, List.of("+15550100002", "+15550100003"), "Drill: practice pick-up plan");
        client.send(ACCOUNT, List.of("+15550100002"), "Drill: practice pick-up plan");

        List<LoggedRequest> sends = calls(daemon, "send");
        assertThat(sends).hasSize(2);
        JsonNode first = json(sends.get(0));
        JsonNode second = json(sends.get(1));
        assertThat(first.path("jsonrpc").stringValue()).isEqualTo("2.0");
        assertThat(first.path("id").isString()).isTrue();
        assertThat(first.path("id").stringValue()).isNotEqualTo(second.path("id").stringValue());
        assertThat(first.path("params").path("account").stringValue()).isEqualTo(ACCOUNT);
        assertThat(first.path("params").path("recipients").valueStream().map(JsonNode::stringValue))
                .containsExactly("+15550100002", "+15550100003");
        assertThat(first.path("params").path("message").stringValue()).isEqualTo("Drill: practice pick-up plan");
        assertThat(sends.get(0).getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void readsEveryResultOfAPartlySuccessfulSendWhateverTheKeyOrder() {
        daemon.stubFor(rpc("send").willReturn(answer("send-partial-success")));

        RpcResult<SendResult> result = client.send(ACCOUNT, List.of("+15550100002", "+15550100003"), "text");

        SendResult sent = ((RpcResult.Ok<SendResult>) result).value();
        assertThat(sent.timestamp()).isEqualTo(1752400000123L);
        assertThat(sent.results()).extracting(SendResult.RecipientResult::type)
                .containsExactly("SUCCESS", "UNREGISTERED_FAILURE");
        assertThat(sent.results().get(0).aci()).contains("8f2c52bf-9522-4bc6-a40c-da48bccb1110");
        assertThat(sent.results().get(1).aci()).isEmpty();
    }

    @Test
    void takesTheResultsOfASendWhereEveryoneFailedFromTheErrorsData() {
        daemon.stubFor(rpc("send").willReturn(answer("send-rate-limited-captcha")));

        RpcResult<SendResult> result = client.send(ACCOUNT, List.of("+15550100002"), "text");

        SendResult sent = ((RpcResult.Ok<SendResult>) result).value();
        assertThat(sent.results()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("RATE_LIMIT_FAILURE");
            assertThat(r.token()).isEqualTo("52bdb829-f0f2-4c93-925d-c5a5269c75e0");
            assertThat(r.retryAfterSeconds()).isEqualTo(86400L);
        });
    }

    @Test
    void sendsToAGroupByItsId() {
        daemon.stubFor(rpc("send").willReturn(answer("send-group")));

        client.sendToGroup(ACCOUNT, "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=", "Staff: drill at 10");

        JsonNode params = json(calls(daemon, "send").get(0)).path("params");
        assertThat(params.path("groupId").stringValue()).isEqualTo("Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=");
        assertThat(params.has("recipients")).isFalse();
    }

    @Test
    void reportsAnErrorWithoutResultsAsRefused() {
        daemon.stubFor(rpc("send").willReturn(answer("group-not-found")));

        RpcResult<SendResult> result = client.sendToGroup(ACCOUNT, "AAAA", "text");

        assertThat(result).isInstanceOfSatisfying(RpcResult.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(-1);
            assertThat(refused.toString()).doesNotContain("Group not found");
        });
    }

    @Test
    void acceptsAnInternalErrorThatCarriesNoId() {
        daemon.stubFor(rpc("send").willReturn(okJson("""
                {"jsonrpc":"2.0","error":{"code":-32603,"message":"An internal server error has occurred.","data":null},"id":null}""")));

        assertThat(client.send(ACCOUNT, List.of("+15550100002"), "text"))
                .isInstanceOfSatisfying(RpcResult.Refused.class, refused -> assertThat(refused.code()).isEqualTo(-32603));
    }

    @Test
    void distrustsAnAnswerForAnotherRequest() {
        daemon.stubFor(rpc("send").willReturn(okJson("""
                {"jsonrpc":"2.0","result":{"timestamp":1,"results":[]},"id":"someone-else"}""")));

        assertThat(client.send(ACCOUNT, List.of("+15550100002"), "text")).isInstanceOf(RpcResult.Unknown.class);
    }

    @Test
    void looksUpWhoIsOnSignal() {
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status")));

        RpcResult<List<UserStatus>> result = client.getUserStatus(ACCOUNT, List.of("+15550100002", "+15550100003"));

        assertThat(((RpcResult.Ok<List<UserStatus>>) result).value()).containsExactly(
                new UserStatus("+15550100002", "+15550100002", "8f2c52bf-9522-4bc6-a40c-da48bccb1110", true),
                new UserStatus("+15550100003", "+15550100003", null, false));
        assertThat(json(calls(daemon, "getUserStatus").get(0)).path("params").path("recipients").size()).isEqualTo(2);
    }

    @Test
    void createsAnAnnouncementGroupAndReadsItsId() {
        daemon.stubFor(rpc("updateGroup").willReturn(answer("update-group-created")));

        RpcResult<GroupUpdate.Result> result = client.updateGroup(ACCOUNT,
                GroupUpdate.create("Lincoln Staff", List.of("+15550100002")));

        assertThat(((RpcResult.Ok<GroupUpdate.Result>) result).value().createdGroupId())
                .contains("kqQ1B2ZpB4S0bnPyV7gS3XK8lmp3cM7Qj0cfOB2xTxA=");
        JsonNode params = json(calls(daemon, "updateGroup").get(0)).path("params");
        assertThat(params.has("groupId")).isFalse();
        assertThat(params.path("name").stringValue()).isEqualTo("Lincoln Staff");
        assertThat(params.path("members").get(0).stringValue()).isEqualTo("+15550100002");
        assertThat(params.path("setPermissionSendMessages").stringValue()).isEqualTo("only-admins");
    }

    @Test
    void listsGroupsWithTheirMembersIgnoringFieldsItDoesNotNeed() {
        daemon.stubFor(rpc("listGroups").willReturn(answer("list-groups")));

        List<SignalGroup> groups = ((RpcResult.Ok<List<SignalGroup>>) client.listGroups(ACCOUNT)).value();

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).members()).extracting(SignalGroup.Member::number)
                .containsExactly("+15550100001", "+15550100004", "+15550100006", null);
        assertThat(groups.get(0).permissionSendMessage()).isEqualTo(SignalGroup.ONLY_ADMINS);
    }

    @Test
    void readsTheVersionAndTheLivenessCheck() {
        daemon.stubFor(rpc("version").willReturn(answer("version")));
        daemon.stubFor(get(urlEqualTo(SignalRpcClient.CHECK_PATH)).willReturn(aResponse().withStatus(200)));

        assertThat(client.version()).isEqualTo(new RpcResult.Ok<>("0.14.6"));
        assertThat(client.check()).isInstanceOf(RpcResult.Ok.class);
    }

    @Test
    void countsAConnectTimeoutAsNothingSentButAReadTimeoutAsUnknown() {
        assertThat(SignalRpcClient.<Void>failureOf(new java.net.http.HttpConnectTimeoutException("connect timed out")))
                .isInstanceOf(RpcResult.NotSent.class);
        assertThat(SignalRpcClient.<Void>failureOf(new java.net.http.HttpTimeoutException("request timed out")))
                .isInstanceOf(RpcResult.Unknown.class);
        assertThat(SignalRpcClient.<Void>failureOf(new java.io.IOException("wrapped", new java.net.ConnectException())))
                .isInstanceOf(RpcResult.NotSent.class);
    }

    @Test
    void keepsAPathPrefixOfTheBaseUrl() {
        assertThat(SignalRpcClient.resolve(java.net.URI.create("http://proxy:80/signal/"), "/api/v1/rpc"))
                .hasToString("http://proxy:80/signal/api/v1/rpc");
        assertThat(Optional.of(SignalRpcClient.resolve(java.net.URI.create("http://127.0.0.1:8081"), "/api/v1/check")))
                .contains(java.net.URI.create("http://127.0.0.1:8081/api/v1/check"));
    }

    private static JsonNode json(LoggedRequest request) {
        return SignalJson.MAPPER.readTree(request.getBodyAsString());
    }
}
