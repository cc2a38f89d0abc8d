package org.aviso.core.tree;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.quorum.QuorumPolicy;

/**
 * A rapid-response network and the policies that apply to all its sites.
 *
 * @param languages       the languages every alert must be available in; English and Spanish at least
 * @param incidentWindow  reports for the same site within this window join one incident
 * @param incidentExpiry  how long after it opened an incident closes on its own
 * @param retention       how long reports, messages and delivery records are kept
 * @param receiptTimeout  how long to wait for a Signal delivery receipt before falling back to SMS
 */
public record Network(
        NetworkId id,
        String name,
        List<Language> languages,
        QuorumPolicy quorum,
        Duration incidentWindow,
        Duration incidentExpiry,
        Duration retention,
        Duration receiptTimeout) {

    public static final Duration DEFAULT_INCIDENT_WINDOW = Duration.ofMinutes(30);
    public static final Duration DEFAULT_INCIDENT_EXPIRY = Duration.ofHours(12);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_RECEIPT_TIMEOUT = Duration.ofSeconds(90);
    public static final int MAX_NAME_LENGTH = 80;

    public Network {
        Checks.required(id, "network id");
        Checks.notBlank(name, "network name", MAX_NAME_LENGTH);
        Checks.noNulls(languages, "languages");
        languages = List.copyOf(languages);
        if (new HashSet<>(languages).size() != languages.size()) {
            throw new IllegalArgumentException("languages must not repeat");
        }
        if (!languages.contains(Language.ENGLISH) || !languages.contains(Language.SPANISH)) {
            throw new IllegalArgumentException("a network's languages must include English (en) and Spanish (es)");
        }
        Checks.required(quorum, "quorum policy");
        Checks.positive(incidentWindow, "incident window");
        Checks.positive(incidentExpiry, "incident expiry");
        Checks.positive(retention, "retention");
        Checks.positive(receiptTimeout, "receipt timeout");
        if (incidentWindow.compareTo(incidentExpiry) > 0) {
            throw new IllegalArgumentException("the incident window cannot be longer than the incident expiry");
        }
    }

    /** English and Spanish, quorum 2/1, 30-minute incident window, 12 h expiry, 30 d retention, 90 s receipts. */
    public static Network defaults(NetworkId id, String name) {
        return new Network(id, name, List.of(Language.ENGLISH, Language.SPANISH), QuorumPolicy.defaults(),
                DEFAULT_INCIDENT_WINDOW, DEFAULT_INCIDENT_EXPIRY, DEFAULT_RETENTION, DEFAULT_RECEIPT_TIMEOUT);
    }
}
