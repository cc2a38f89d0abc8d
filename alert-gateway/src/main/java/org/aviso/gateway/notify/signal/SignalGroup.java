package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code listGroups}, reduced to what keeping an announcement group in line with the tree needs.
 *
 * @param permissionSendMessage EVERY_MEMBER or ONLY_ADMINS
 */
record SignalGroup(String id, String name, @JsonProperty("isMember") Boolean member, List<Member> members,
        List<Member> pendingMembers, String permissionSendMessage) {

    static final String ONLY_ADMINS = "ONLY_ADMINS";

    SignalGroup {
        members = members == null ? List.of() : members.stream().filter(Objects::nonNull).toList();
        pendingMembers = pendingMembers == null ? List.of()
                : pendingMembers.stream().filter(Objects::nonNull).toList();
    }

    record Member(String number, String uuid, @JsonProperty("isAdmin") Boolean admin) {

        @Override
        public String toString() {
            return "Member[" + SignalJson.masked(number) + "]";
        }
    }

    @Override
    public String toString() {
        return "SignalGroup[" + members.size() + " members, " + pendingMembers.size() + " pending]";
    }
}
