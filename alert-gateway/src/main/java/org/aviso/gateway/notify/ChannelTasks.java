package org.aviso.gateway.notify;

import java.util.Optional;

import org.aviso.core.common.PersonId;

/**
 * Work a channel raises for people to do: solve a Signal captcha, re-trust a changed safety number. Shown on the
 * console; resolved by an administrator.
 */
public interface ChannelTasks {

    enum Kind { CAPTCHA, IDENTITY_CHANGED, CREDENTIALS_REFUSED }

    /**
     * @param sender the sending account concerned (e.g. the Signal number that was rate-limited)
     * @param person the person concerned, if any
     * @param detail safe to show: a captcha token, never a phone number
     */
    void raise(Kind kind, String sender, Optional<PersonId> person, String detail);
}
