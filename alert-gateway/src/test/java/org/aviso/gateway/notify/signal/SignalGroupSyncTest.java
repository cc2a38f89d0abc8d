package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.aviso.core.common.GroupId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.calls;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;

class SignalGroupSyncTest {

    /** "Lincoln Staff" in list-groups.json: Aviso's account (admin), +…04, +…06 and one member with a hidden number. */
    static final String STAFF_GROUP = "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=";
    static final String CREATED = "kqQ1B2ZpB4S0bnPyV7gS3XK8lmp3cM7Qj0cfOB2xTxA=";

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private final FakeContactDirectory directory = new FakeContactDirectory();

    private SignalGroupSync sync() {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).build();
        return new SignalGroupSync(SignalRpcClient.from(properties), directory, properties);
    }

    private static JsonNode params(LoggedRequest request) {
        return SignalJson.MAPPER.readTree(request.getBodyAsString()).path("params");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }

    @Test
    void createsAnAnnouncementGroupWithTheMembersOnSignalAndRecordsItsId() {
        GroupId staff = directory.group("Lincoln Staff", Optional.empty(), "+15550100002", "+15550100003", ACCOUNT);
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status")));
        daemon.stubFor(rpc("updateGroup").willReturn(answer("update-group-created")));

        sync().runRound();

        assertThat(strings(params(calls(daemon, "getUserStatus").get(0)).path("recipients")))
                .containsExactly("+15550100002", "+15550100003");
        JsonNode created = params(calls(daemon, "updateGroup").get(0));
        assertThat(created.has("groupId")).isFalse();
        assertThat(created.path("account").stringValue()).isEqualTo(ACCOUNT);
        assertThat(created.path("name").stringValue()).isEqualTo("Lincoln Staff");
        assertThat(strings(created.path("members"))).containsExactly("+15550100002");
        assertThat(created.path("setPermissionSendMessages").stringValue()).isEqualTo("only-admins");
        assertThat(created.path("setPermissionAddMember").stringValue()).isEqualTo("only-admins");
        assertThat(created.path("setPermissionEditDetails").stringValue()).isEqualTo("only-admins");
        assertThat(directory.recordedGroupIds).containsEntry(staff, CREATED);
        assertThat(calls(daemon, "listGroups")).isEmpty();
    }

    @Test
    void addsAndRemovesMembersSoTheGroupFollowsTheTree() {
        directory.group("Lincoln Staff", Optional.of(STAFF_GROUP), "+15550100004", "+15550100005");
        daemon.stubFor(rpc("listGroups").willReturn(answer("list-groups")));
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status-for-each")));
        daemon.stubFor(rpc("updateGroup").willReturn(answer("update-group-changed")));

        sync().runRound();

        assertThat(strings(params(calls(daemon, "getUserStatus").get(0)).path("recipients")))
                .containsExactly("+15550100005");
        JsonNode change = params(calls(daemon, "updateGroup").get(0));
        assertThat(change.path("groupId").stringValue()).isEqualTo(STAFF_GROUP);
        assertThat(strings(change.path("members"))).containsExactly("+15550100005");
        assertThat(strings(change.path("removeMembers"))).containsExactly("+15550100006");
        assertThat(change.has("name")).isFalse();
        assertThat(change.has("setPermissionSendMessages")).isFalse();
    }

    @Test
    void leavesAGroupThatFollowsTheTreeAloneAndNeverTouchesOthers() {
        directory.group("Lincoln Staff", Optional.of(STAFF_GROUP), "+15550100004", "+15550100006");
        directory.group("Roosevelt Staff", Optional.of("Um9vc2V2ZWx0IGdvbmU="), "+15550100008");
        daemon.stubFor(rpc("listGroups").willReturn(answer("list-groups")));

        sync().runRound();

        assertThat(calls(daemon, "listGroups")).hasSize(1);
        assertThat(calls(daemon, "getUserStatus")).isEmpty();
        assertThat(calls(daemon, "updateGroup")).isEmpty();
    }

    @Test
    void restoresTheNameAndAnnouncementOnlyWhenSomeoneChangedThem() {
        directory.group("Lincoln Staff", Optional.of(STAFF_GROUP));
        daemon.stubFor(rpc("listGroups").willReturn(okJson("""
                {"jsonrpc":"2.0","id":"{{jsonPath request.body '$.id'}}","result":[{"id":"%s","name":"Party!",
                 "members":[{"number":"+15550100001","uuid":"0d1c2b3a-4958-4a6b-8c7d-9e0f1a2b3c4d","isAdmin":true}],
                 "pendingMembers":[],"permissionSendMessage":"EVERY_MEMBER"}]}""".formatted(STAFF_GROUP))
                .withTransformers("response-template")));
        daemon.stubFor(rpc("updateGroup").willReturn(answer("update-group-changed")));

        sync().runRound();

        JsonNode change = params(calls(daemon, "updateGroup").get(0));
        assertThat(change.path("name").stringValue()).isEqualTo("Lincoln Staff");
        assertThat(change.path("setPermissionSendMessages").stringValue()).isEqualTo("only-admins");
        assertThat(change.has("members")).isFalse();
        assertThat(change.has("removeMembers")).isFalse();
    }

    @Test
    void looksForTheGroupAnUnclearCreationMayHaveMadeBeforeCreatingAnother() {
        GroupId staff = directory.group("Lincoln Staff", Optional.empty(), "+15550100004", "+15550100006");
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status-for-each")));
        daemon.stubFor(rpc("updateGroup").willReturn(aResponse().withStatus(500)));
        daemon.stubFor(rpc("listGroups").willReturn(answer("list-groups")));
        SignalGroupSync sync = sync();

        sync.runRound();
        assertThat(directory.recordedGroupIds).isEmpty();

        sync.runRound();

        assertThat(calls(daemon, "updateGroup")).hasSize(1);
        assertThat(directory.recordedGroupIds).containsEntry(staff, STAFF_GROUP);
    }

    @Test
    void createsNothingWhileTheMembersCannotBeLookedUp() {
        directory.group("Lincoln Staff", Optional.empty(), "+15550100002");
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("cdsi-quota")));

        sync().runRound();

        assertThat(calls(daemon, "updateGroup")).isEmpty();
        assertThat(directory.recordedGroupIds).isEmpty();
    }

    @Test
    void doesNothingWithoutGroupsInGroupMode() {
        sync().runRound();

        assertThat(daemon.getAllServeEvents()).isEmpty();
    }
}
