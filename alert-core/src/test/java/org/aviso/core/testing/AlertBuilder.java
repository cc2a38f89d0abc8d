package org.aviso.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;

/** A new alert with sensible defaults: VERIFIED, valid for two hours from {@link TestClock#T0}. */
public final class AlertBuilder {

    private static final SplittableRandom CODES = new SplittableRandom(42);

    private NetworkId network = NetworkId.random();
    private Optional<IncidentId> incident = Optional.empty();
    private AlertKind kind = AlertKind.VERIFIED;
    private PersonId sender = PersonId.random();
    private Instant createdAt = TestClock.T0;
    private Duration validity = Duration.ofHours(2);

    public static AlertBuilder anAlert(AlertKind kind) {
        AlertBuilder builder = new AlertBuilder();
        builder.kind = kind;
        return builder;
    }

    public AlertBuilder network(NetworkId value) {
        this.network = value;
        return this;
    }

    public AlertBuilder incident(IncidentId value) {
        this.incident = Optional.of(value);
        return this;
    }

    public AlertBuilder sentBy(PersonId value) {
        this.sender = value;
        return this;
    }

    public AlertBuilder createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    public Alert build() {
        return Alert.initial(AlertId.random(), network, incident, kind, sender, createdAt, validity, nextCode());
    }

    /** A follow-up of {@code original} sent at {@code at}. */
    public static Alert followUp(Alert original, AlertKind kind, Instant at) {
        return Alert.followUp(original, AlertId.random(), kind, original.sender(), at, Duration.ofHours(2),
                nextCode());
    }

    private static synchronized ShortCode nextCode() {
        return ShortCode.generate(CODES);
    }
}
