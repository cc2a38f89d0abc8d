package org.aviso.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Checks;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;

/**
 * One alert as sent. Follow-ups always refer to the original alert (never to another follow-up), so "the recipients
 * of the alert it refers to" has one meaning.
 *
 * @param exercise true for a DRILL and for every follow-up of a drill: messages then say DRILL, end to end
 * @param code     the short verification code printed in every message
 */
public record Alert(
        AlertId id,
        NetworkId network,
        Optional<IncidentId> incident,
        AlertKind kind,
        Optional<AlertId> refersTo,
        boolean exercise,
        PersonId sender,
        Instant createdAt,
        Instant expiresAt,
        ShortCode code) {

    public Alert {
        Checks.required(id, "alert id");
        Checks.required(network, "network id");
        Checks.required(incident, "incident (use Optional.empty())");
        Checks.required(kind, "alert kind");
        Checks.required(refersTo, "refersTo (use Optional.empty())");
        Checks.required(sender, "sender");
        Checks.required(createdAt, "createdAt");
        Checks.required(expiresAt, "expiresAt");
        Checks.required(code, "verification code");
        if (kind.isFollowUp() && refersTo.isEmpty()) {
            throw new IllegalArgumentException(kind + " must refer to the alert it follows up");
        }
        if (!kind.isFollowUp() && refersTo.isPresent()) {
            throw new IllegalArgumentException(kind + " is not a follow-up and cannot refer to another alert");
        }
        if (refersTo.filter(id::equals).isPresent()) {
            throw new IllegalArgumentException("an alert cannot refer to itself");
        }
        if (kind == AlertKind.DRILL && !exercise) {
            throw new IllegalArgumentException("a DRILL is always an exercise");
        }
        if (exercise && !kind.isFollowUp() && kind != AlertKind.DRILL) {
            throw new IllegalArgumentException(kind + " cannot be an exercise: use DRILL");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an alert must expire after it is created");
        }
    }

    /** A new ADVISORY, VERIFIED or DRILL alert. */
    public static Alert initial(AlertId id, NetworkId network, Optional<IncidentId> incident, AlertKind kind,
            PersonId sender, Instant createdAt, Duration validity, ShortCode code) {
        Checks.positive(validity, "validity");
        return new Alert(id, network, incident, kind, Optional.empty(), kind == AlertKind.DRILL, sender, createdAt,
                createdAt.plus(validity), code);
    }

    /**
     * A follow-up of {@code original}; if {@code original} is itself a follow-up, the new one refers to the alert it
     * followed up. Network, incident and exercise flag are inherited.
     */
    public static Alert followUp(Alert original, AlertId id, AlertKind kind, PersonId sender, Instant createdAt,
            Duration validity, ShortCode code) {
        Checks.required(original, "original alert");
        Checks.positive(validity, "validity");
        AlertId root = original.refersTo().orElse(original.id());
        return new Alert(id, original.network(), original.incident(), kind, Optional.of(root), original.exercise(),
                sender, createdAt, createdAt.plus(validity), code);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** {@code Exercise} for drills and their follow-ups, otherwise the kind's status. */
    public String capStatus() {
        return exercise ? "Exercise" : kind.capStatus();
    }
}
