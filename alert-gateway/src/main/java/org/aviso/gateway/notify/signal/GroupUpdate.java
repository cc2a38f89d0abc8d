package org.aviso.gateway.notify.signal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code updateGroup} call: without a group id it creates an announcement group (only admins, that is Aviso's
 * account, may post, add members or edit it); with one it changes only what is set.
 */
record GroupUpdate(Optional<String> groupId, Optional<String> name, List<String> addMembers,
        List<String> removeMembers, boolean announcementOnly) {

    static final String ONLY_ADMINS = "only-admins";

    GroupUpdate {
        addMembers = List.copyOf(addMembers);
        removeMembers = List.copyOf(removeMembers);
    }

    static GroupUpdate create(String name, List<String> members) {
        return new GroupUpdate(Optional.empty(), Optional.of(name), members, List.of(), true);
    }

    static GroupUpdate change(String groupId, Optional<String> name, List<String> addMembers,
            List<String> removeMembers, boolean announcementOnly) {
        return new GroupUpdate(Optional.of(groupId), name, addMembers, removeMembers, announcementOnly);
    }

    boolean creates() {
        return groupId.isEmpty();
    }

    boolean changesNothing() {
        return !creates() && name.isEmpty() && addMembers.isEmpty() && removeMembers.isEmpty() && !announcementOnly;
    }

    Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        groupId.ifPresent(id -> params.put("groupId", id));
        name.ifPresent(n -> params.put("name", n));
        if (!addMembers.isEmpty()) {
            params.put("members", addMembers);
        }
        if (!removeMembers.isEmpty()) {
            params.put("removeMembers", removeMembers);
        }
        if (announcementOnly) {
            params.put("setPermissionSendMessages", ONLY_ADMINS);
        }
        if (creates()) {
            // members must not add strangers or rename the group: it would show everyone's number to them
            params.put("setPermissionAddMember", ONLY_ADMINS);
            params.put("setPermissionEditDetails", ONLY_ADMINS);
        }
        return params;
    }

    @Override
    public String toString() {
        return "GroupUpdate[" + (creates() ? "create" : "change") + ", +" + addMembers.size() + " -"
                + removeMembers.size() + "]";
    }

    /** What {@code updateGroup} answers: the new group's id when it created one. */
    record Result(String groupId, Long timestamp, List<SendResult.RecipientResult> results) {

        Optional<String> createdGroupId() {
            return Optional.ofNullable(groupId).filter(id -> !id.isBlank());
        }

        @Override
        public String toString() {
            return "GroupUpdate.Result[created=" + (groupId != null) + "]";
        }
    }
}
