package org.aviso.gateway.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.ShortCode;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.stereotype.Service;

/**
 * Answers "is this alert genuine?" for the public page and {@code VERIFY <code>} replies: only when the code is
 * known AND its signature checks out against the issuing network's public key. Anything else is "unknown: do not
 * trust", without saying which of the two failed.
 */
@Service
public class AlertCheck {

    private final AlertStore alerts;
    private final AlertSigner signer;
    private final TreeStore tree;

    private final SiteProfiles profiles;
    private final Clock clock;

    public AlertCheck(AlertStore alerts, AlertSigner signer, TreeStore tree, SiteProfiles profiles, Clock clock) {
        this.alerts = alerts;
        this.signer = signer;
        this.tree = tree;
        this.profiles = profiles;
        this.clock = clock;
    }

    public sealed interface Result {
    }

    /**
     * A genuine alert: what the public may know about it. No recipients. The instructions are shown whole, because an
     * SMS carries only their short form and links here, and so is the site's profile (steps, pick-up plan, mutual-aid
     * resources, rights) for the reader to take in their own language; an ADVISORY's are for verifiers only and
     * neither is shown.
     */
    public record Genuine(ShortCode code, String issuer, Optional<String> site, AlertKind kind, boolean exercise,
            Instant issuedAt, ZoneId zone, boolean closed, String instructions, SiteProfile profile, ChosenSteps steps,
            LanguagePlan plan) implements Result {

        /** The steps and the dispatcher's words a reader of {@code language} was sent, whole. */
        public String instructionsIn(org.aviso.core.common.Language language) {
            return steps.with(plan.isEmpty() ? instructions : plan.textFor(language), language).full();
        }
    }

    public record Unknown() implements Result {
    }

    public Result check(String typed) {
        Optional<ShortCode> code = parse(typed);
        if (code.isEmpty()) {
            return new Unknown();
        }
        Optional<AlertStore.StoredAlert> stored = alerts.findByCode(code.get());
        if (stored.isEmpty() || stored.get().status() == AlertStore.Status.AWAITING_APPROVAL
                || stored.get().status() == AlertStore.Status.WITHDRAWN) {
            return new Unknown();
        }
        AlertStore.StoredAlert alert = stored.get();
        if (!signer.verify(AlertService.facts(alert.alert()), alert.signature())) {
            return new Unknown();
        }
        Optional<NetworkRecord> network = tree.network(alert.alert().network());
        if (network.isEmpty()) {
            return new Unknown();
        }
        boolean advisory = alert.alert().kind() == AlertKind.ADVISORY;
        Optional<String> site = alert.site().flatMap(id -> tree.site(alert.alert().network(), id)).map(s -> s.name());
        return new Genuine(alert.alert().code(), network.get().network().name(), site, alert.alert().kind(),
                alert.alert().exercise(), alert.sentAt().orElse(alert.alert().createdAt()), network.get().zone(),
                alert.status() == AlertStore.Status.CANCELLED,
                advisory ? "" : alert.instructions(),
                advisory || alert.site().isEmpty() ? SiteProfile.empty()
                        : profiles.inForce(alert.alert().network(), alert.site().get(), clock.instant()),
                advisory ? ChosenSteps.none() : alert.steps(), advisory ? LanguagePlan.none() : alert.plan());
    }

    static Optional<ShortCode> parse(String typed) {
        try {
            return typed == null || typed.isBlank() ? Optional.empty() : Optional.of(ShortCode.parse(typed));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
