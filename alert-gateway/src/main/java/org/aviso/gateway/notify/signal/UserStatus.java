package org.aviso.gateway.notify.signal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code getUserStatus}: whether a number has a Signal account, and its ACI if so.
 *
 * @param recipient the number as we asked for it
 * @param number    the number as signal-cli normalised it (omitted for usernames)
 */
record UserStatus(String recipient, String number, String uuid, @JsonProperty("isRegistered") boolean registered) {

    @Override
    public String toString() {
        return "UserStatus[" + SignalJson.masked(recipient) + ", registered=" + registered + "]";
    }
}
