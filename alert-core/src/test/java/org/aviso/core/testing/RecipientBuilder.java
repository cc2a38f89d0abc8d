package org.aviso.core.testing;

import java.time.Duration;
import java.util.Optional;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;

/** A recipient with sensible defaults: a staff member on Signal, no acknowledgement needed. */
public final class RecipientBuilder {

    private PersonId person = PersonId.random();
    private GroupId group = GroupId.random();
    private Tier tier = Tier.STAFF;
    private Language language = Language.ENGLISH;
    private ContactPoint contact = ContactPoint.onSignal(Phones.next());
    private ChannelMode mode = ChannelMode.DIRECT;
    private boolean acknowledgementRequired;
    private Duration acknowledgementTimeout = Duration.ZERO;
    private Optional<GroupId> backup = Optional.empty();

    public static RecipientBuilder aRecipient() {
        return new RecipientBuilder();
    }

    public static RecipientBuilder aFamily() {
        return new RecipientBuilder().tier(Tier.FAMILIES);
    }

    public RecipientBuilder person(PersonId value) {
        this.person = value;
        return this;
    }

    public RecipientBuilder group(GroupId value) {
        this.group = value;
        return this;
    }

    public RecipientBuilder tier(Tier value) {
        this.tier = value;
        return this;
    }

    public RecipientBuilder language(Language value) {
        this.language = value;
        return this;
    }

    public RecipientBuilder contact(ContactPoint value) {
        this.contact = value;
        return this;
    }

    public RecipientBuilder signal(SignalStatus status) {
        this.contact = contact.withSignal(status);
        return this;
    }

    public RecipientBuilder smsOptedOut() {
        this.contact = contact.withSmsOptedOut(true);
        return this;
    }

    public RecipientBuilder smsUnusable() {
        this.contact = contact.withSmsUnusable(true);
        return this;
    }

    public RecipientBuilder identityChanged() {
        this.contact = contact.withIdentityChanged(true);
        return this;
    }

    public RecipientBuilder mode(ChannelMode value) {
        this.mode = value;
        return this;
    }

    public RecipientBuilder mustAcknowledgeWithin(Duration timeout, GroupId backupGroup) {
        this.acknowledgementRequired = true;
        this.acknowledgementTimeout = timeout;
        this.backup = Optional.of(backupGroup);
        return this;
    }

    public RecipientBuilder mustAcknowledgeWithin(Duration timeout) {
        this.acknowledgementRequired = true;
        this.acknowledgementTimeout = timeout;
        return this;
    }

    public Recipient build() {
        return new Recipient(person, group, tier, language, contact, mode, acknowledgementRequired,
                acknowledgementTimeout, backup);
    }
}
