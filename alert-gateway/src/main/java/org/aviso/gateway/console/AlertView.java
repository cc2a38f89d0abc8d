package org.aviso.gateway.console;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.security.AvisoPrincipal;

/** An alert as the console lists it, with who approved it and whether the viewer can still approve. */
record AlertView(UUID id, String code, AlertKind kind, boolean exercise, AlertStore.Status status, String site,
        ZonedDateTime createdAt, ActorNames.Actor sender, List<ActorNames.Actor> approvedBy, boolean approvedByMe,
        UUID refersTo, String instructions, boolean sentByMe) {

    static AlertView of(AlertStore.StoredAlert stored, List<PersonId> approvals, Map<SiteId, String> sites,
            ActorNames.Names names, AvisoPrincipal viewer, ZoneId zone) {
        Alert alert = stored.alert();
        return new AlertView(alert.id().value(), alert.code().display(), alert.kind(), alert.exercise(),
                stored.status(), stored.site().map(s -> sites.getOrDefault(s, "")).orElse(""),
                alert.createdAt().atZone(zone), names.person(alert.sender().value()),
                approvals.stream().map(p -> names.person(p.value())).toList(),
                viewer.personId() != null && approvals.contains(new PersonId(viewer.personId())),
                alert.refersTo().map(a -> a.value()).orElse(null), stored.instructions(),
                alert.sender().value().equals(viewer.personId()));
    }

    public boolean awaitingApproval() {
        return status == AlertStore.Status.AWAITING_APPROVAL;
    }
}
