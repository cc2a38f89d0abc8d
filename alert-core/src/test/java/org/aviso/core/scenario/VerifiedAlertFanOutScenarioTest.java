package org.aviso.core.scenario;

import static org.aviso.core.testing.AlertBuilder.anAlert;
import static org.aviso.core.testing.AlertBuilder.followUp;
import static org.aviso.core.testing.ReportBuilder.aReport;
import static org.aviso.core.testing.TestClock.minutes;
import static org.aviso.core.testing.TestClock.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.PersonId;
import org.aviso.core.dispatch.AlertApproval;
import org.aviso.core.dispatch.ApprovalDecision;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryRules;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.RenderRequest;
import org.aviso.core.render.TemplateCatalog;
import org.aviso.core.report.Report;
import org.aviso.core.testing.DeliveryHarness;
import org.aviso.core.testing.TestClock;
import org.aviso.core.testing.TestTree;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Order of fan-out: dispatchers and network, then site leads, then staff, then families." "Families receive Signal
 * 1:1, never in a group." And: nothing of an alert goes out after its ALL_CLEAR except the ALL_CLEAR itself, which
 * reaches exactly the same people.
 */
class VerifiedAlertFanOutScenarioTest {

    private final TestTree lincoln = TestTree.standard();
    private final TestClock clock = TestClock.atT0();
    private final DeliveryRules rules = DeliveryRules.of(lincoln.network());
    private final AlertRenderer renderer = new AlertRenderer(TemplateCatalog.defaults());
    private final PersonId ana = lincoln.id("ana");
    private final IncidentId incident = IncidentId.random();

    private Alert alert;
    private Audience audience;
    private final Map<PersonId, DeliveryHarness> tracks = new LinkedHashMap<>();

    @BeforeEach
    void anaVerifiesTheReportEveConfirmsAndTheAlertIsApprovedAtT0() {
        Report report = aReport().network(lincoln.network().id()).site(lincoln.lincoln().id()).incident(incident)
                .verifiedBy(ana, clock.instant());
        alert = anAlert(AlertKind.VERIFIED).network(lincoln.network().id()).incident(incident).sentBy(ana)
                .createdAt(clock.instant()).build();

        ApprovalDecision decision = new AlertApproval(clock).approve(alert, Optional.of(report),
                lincoln.tree().audienceFor(AlertKind.VERIFIED, lincoln.allGroups()), lincoln.network().quorum(),
                List.of(ana, lincoln.id("eve")));

        assertThat(decision).isInstanceOf(ApprovalDecision.Approved.class);
        audience = ((ApprovalDecision.Approved) decision).audience();
        audience.recipients().forEach(r -> tracks.put(r.person(),
                new DeliveryHarness(rules.track(r, clock.instant(), ChannelPolicy.SIGNAL_THEN_SMS), clock)));
    }

    @Test
    void fansOutDispatchAndNetworkFirstThenSiteLeadsThenStaffThenFamilies() {
        List<Tier> order = new ArrayList<>();
        List<String> who = new ArrayList<>();
        for (Recipient recipient : audience.recipients()) {
            if (!tracks.get(recipient.person()).tickAt(Duration.ZERO).isEmpty()) {
                order.add(recipient.tier());
                who.add(lincoln.handle(recipient.person()));
            }
        }

        assertThat(order).isSortedAccordingTo(java.util.Comparator.comparingInt(Tier::priority));
        assertThat(who).containsExactly("ana", "ben", "cruz", "dee", "eve", "nia", "frank", "hal", "ivy", "fam1",
                "fam2", "fam3");
        assertThat(audience.countsByTier()).containsEntry(Tier.DISPATCH_AND_NETWORK, 6)
                .containsEntry(Tier.SITE_LEADS, 1).containsEntry(Tier.STAFF, 2).containsEntry(Tier.FAMILIES, 3);
        assertThat(audience.countsByPreferredChannel()).containsEntry(Channel.SIGNAL, 11).containsEntry(Channel.SMS, 1);
    }

    @Test
    void familiesAreReachedOneToOneNeverThroughASignalGroup() {
        assertThat(audience.inTier(Tier.FAMILIES)).isNotEmpty()
                .allSatisfy(family -> assertThat(family.mode()).isEqualTo(ChannelMode.DIRECT));
        assertThat(audience.inTier(Tier.STAFF)).extracting(Recipient::mode).containsOnly(ChannelMode.GROUP);

        Group families = lincoln.group("Lincoln families K-2");
        assertThatThrownBy(() -> new Group(GroupId.random(), families.network(), families.site(), families.name(),
                Tier.FAMILIES, families.receives(), false, Duration.ZERO, Optional.empty(), ChannelMode.GROUP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachPersonGetsTheAlertInTheirLanguageWithTheCode() {
        RenderRequest request = new RenderRequest(alert, lincoln.lincoln().name(), lincoln.network().name(), "",
                "https://aviso.eastside.org/v", ZoneId.of("America/Los_Angeles"));

        for (Recipient recipient : audience.recipients()) {
            String text = renderer.render(request, recipient.language(), Channel.SIGNAL).text();
            assertThat(text).contains(alert.code().display());
            assertThat(text).contains(recipient.language().tag().equals("es") ? "CONFIRMADA" : "CONFIRMED");
        }
    }

    @Test
    void afterTheAllClearNothingOfTheAlertGoesOutButTheAllClearItself() {
        tracks.values().forEach(track -> track.tickAt(Duration.ZERO));
        tracks.values().forEach(DeliveryHarness::signalAccepted);
        tracks.get(lincoln.id("fam1")).delivered(Channel.SIGNAL, seconds(20));

        clock.moveTo(seconds(60));
        Alert allClear = followUp(alert, AlertKind.ALL_CLEAR, clock.instant());
        ApprovalDecision decision = new AlertApproval(clock).approveFollowUp(allClear, alert, audience, List.of());
        ApprovalDecision.Approved approved = (ApprovalDecision.Approved) decision;
        assertThat(approved.endsOriginal()).isTrue();
        tracks.values().forEach(track -> track.record(new DeliveryEvent.AlertCancelled(clock.instant())));

        tracks.values().forEach(track -> track.tickAt(minutes(5)));
        assertThat(tracks.values()).as("no SMS fallback for the ended alert, even past the receipt timeout")
                .allSatisfy(track -> assertThat(track.everythingSent()).hasSizeLessThanOrEqualTo(1));
        assertThat(tracks.values()).allSatisfy(track -> assertThat(track.lastDecision().isSettled()).isTrue());

        Map<PersonId, DeliveryHarness> allClearTracks = new LinkedHashMap<>();
        approved.audience().recipients().forEach(r -> allClearTracks.put(r.person(),
                new DeliveryHarness(rules.track(r, clock.instant(), ChannelPolicy.SIGNAL_THEN_SMS), clock)));
        allClearTracks.values().forEach(DeliveryHarness::tick);

        assertThat(allClearTracks.keySet()).isEqualTo(tracks.keySet());
        assertThat(allClearTracks.values()).allSatisfy(t -> assertThat(t.everythingSent()).hasSize(1));

        Alert lateUpdate = followUp(alert, AlertKind.UPDATE, clock.instant());
        assertThat(new AlertApproval(clock).approveFollowUp(lateUpdate, alert, audience, List.of(allClear)))
                .isInstanceOf(ApprovalDecision.Rejected.class);
        assertThat(Set.copyOf(approved.audience().personIds())).isEqualTo(Set.copyOf(audience.personIds()));
    }
}
