package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.ContactDirectory;

/** A contact directory in memory: people waiting for a Signal check, and groups in GROUP mode. */
final class FakeContactDirectory implements ContactDirectory {

    record Recorded(PersonId person, boolean registered, Optional<String> aci) {
    }

    record Asked(Duration maxAge, int limit) {
    }

    final List<ContactToCheck> due = new CopyOnWriteArrayList<>();
    final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    final List<Asked> asked = new CopyOnWriteArrayList<>();
    final List<SignalGroupSpec> groups = new CopyOnWriteArrayList<>();
    final Map<GroupId, String> recordedGroupIds = new ConcurrentHashMap<>();

    PersonId due(String number) {
        PersonId person = PersonId.random();
        due.add(new ContactToCheck(person, PhoneNumber.of(number)));
        return person;
    }

    GroupId group(String name, Optional<String> signalGroupId, String... members) {
        GroupId group = GroupId.random();
        groups.add(new SignalGroupSpec(group, name, signalGroupId,
                java.util.Arrays.stream(members).map(PhoneNumber::of).toList()));
        return group;
    }

    @Override
    public List<ContactToCheck> dueForSignalCheck(Duration maxAge, int limit) {
        asked.add(new Asked(maxAge, limit));
        List<ContactToCheck> waiting = new ArrayList<>();
        for (ContactToCheck contact : due) {
            boolean checked = recorded.stream().anyMatch(r -> r.person().equals(contact.person()));
            if (!checked && waiting.size() < limit) {
                waiting.add(contact);
            }
        }
        return waiting;
    }

    @Override
    public void recordSignalStatus(PersonId person, boolean registered, Optional<String> aci) {
        recorded.add(new Recorded(person, registered, aci));
    }

    @Override
    public List<SignalGroupSpec> signalGroups() {
        return groups.stream().map(spec -> recordedGroupIds.containsKey(spec.group())
                ? new SignalGroupSpec(spec.group(), spec.name(), Optional.of(recordedGroupIds.get(spec.group())),
                        spec.members())
                : spec).toList();
    }

    @Override
    public void recordSignalGroupId(GroupId group, String signalGroupId) {
        recordedGroupIds.put(group, signalGroupId);
    }
}
