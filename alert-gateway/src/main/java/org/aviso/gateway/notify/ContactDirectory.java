package org.aviso.gateway.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;

/** What channels may read and record about people's contact points (implemented by the tree). */
public interface ContactDirectory {

    /** People whose Signal reachability is unknown or was last checked more than {@code maxAge} ago. */
    List<ContactToCheck> dueForSignalCheck(Duration maxAge, int limit);

    /** Records what Signal said about a number (registered or not, and the account's ACI when registered). */
    void recordSignalStatus(PersonId person, boolean registered, Optional<String> aci);

    /** Groups in GROUP mode, with the numbers of their members, for keeping Signal announcement groups in sync. */
    List<SignalGroupSpec> signalGroups();

    void recordSignalGroupId(GroupId group, String signalGroupId);

    record ContactToCheck(PersonId person, PhoneNumber phone) {
    }

    record SignalGroupSpec(GroupId group, String name, Optional<String> signalGroupId, List<PhoneNumber> members) {

        @Override
        public String toString() {
            return "SignalGroupSpec[" + group + ", " + members.size() + " members]";
        }
    }
}
