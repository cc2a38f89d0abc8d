package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

import org.aviso.core.alert.Recipient;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.GroupId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryPlanner;
import org.aviso.core.escalation.DeliveryRules;
import org.aviso.core.escalation.RecipientDecision;
import org.aviso.gateway.tree.NetworkRecord;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes an alert's recipient tracks, in the transaction that sends it, together with each recipient's first
 * delivery as the domain's planner decides it ({@code DeliveryPlanner.decide} with no events yet: Signal first, or
 * SMS for someone known not to be on Signal). The recipient tracker takes over from there (fallbacks, receipts,
 * backups). Deciding here rather than in a first tracker pass saves a round of reads, decryption and writes for
 * every recipient of a large alert; the decision is the same.
 */
@Component
public class FanOutStart {

    private final JdbcClient jdbc;

    private final SignalQueue signalQueue;

    private final ConfiguredChannels channels;

    private final WorkBell bell;

    FanOutStart(JdbcClient jdbc, SignalQueue signalQueue, ConfiguredChannels channels, WorkBell bell) {
        this.bell = bell;
        this.jdbc = jdbc;
        this.signalQueue = signalQueue;
        this.channels = channels;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void start(NetworkRecord network, AlertId alert, List<Recipient> recipients, List<Recipient> standby,
            ToIntFunction<Recipient> priority, Instant now) {
        // the queue limit is a delivery setting kept beside the network (issue 12); the first next check uses it
        DeliveryRules rules = DeliveryRules.of(network.network())
                .withSignalQueueLimit(signalQueue.limit(network.network().id()));
        int n = recipients.size() + standby.size();
        UUID[] people = new UUID[n];
        UUID[] groups = new UUID[n];
        String[] tiers = new String[n];
        Integer[] priorities = new Integer[n];
        String[] languages = new String[n];
        Boolean[] ackRequired = new Boolean[n];
        Integer[] ackTimeouts = new Integer[n];
        UUID[] backups = new UUID[n];
        Boolean[] standbys = new Boolean[n];
        String[] states = new String[n];
        String[] nextChecks = new String[n];
        Map<UUID, List<ChannelSend>> firstSends = new HashMap<>();
        ChannelPolicy policy = channels.effective(ChannelPolicy.SIGNAL_THEN_SMS);
        int i = 0;
        boolean backupsNow = false;
        for (Recipient r : recipients) {
            RecipientDecision decision = DeliveryPlanner.decide(rules.track(r, now, policy),
                    List.of(), now);
            fill(r, priority, i, people, groups, tiers, priorities, languages, ackRequired, ackTimeouts, backups);
            standbys[i] = false;
            if (decision.coverWithBackup()) {
                // a backup must be called in at once: leave the whole first decision to the tracker
                states[i] = "QUEUED";
                nextChecks[i] = now.toString();
                backupsNow = true;
            } else {
                states[i] = decision.state().name();
                nextChecks[i] = decision.nextCheckAt().map(Instant::toString).orElse(null);
                firstSends.put(r.person().value(), decision.send());
            }
            i++;
        }
        for (Recipient r : standby) {
            fill(r, priority, i, people, groups, tiers, priorities, languages, ackRequired, ackTimeouts, backups);
            standbys[i] = true;
            states[i] = "QUEUED";
            nextChecks[i] = null;
            i++;
        }
        Map<UUID, Long> trackIds = new HashMap<>();
        jdbc.sql("""
                        insert into recipient_track (network_id, alert_id, person_id, group_id, tier, priority, language,
                                                     channel_policy, acknowledgement_required,
                                                     acknowledgement_timeout_seconds, backup_group_id, standby,
                                                     started_at, next_check_at, state)
                        select :network, :alert, v.person, v.grp, v.tier, v.priority, v.language, :policy,
                               v.ack, v.timeout, v.backup, v.standby,
                               case when v.standby then null else cast(:now as timestamptz) end, v.next::timestamptz, v.state
                          from unnest(:people::uuid[], :groups::uuid[], :tiers::text[], :priorities::int[],
                                      :languages::text[], :ack::boolean[], :timeouts::int[], :backups::uuid[],
                                      :standby::boolean[], :next::text[], :states::text[])
                               as v(person, grp, tier, priority, language, ack, timeout, backup, standby, next, state)
                        on conflict do nothing
                        returning id, person_id
                        """)
                .param("network", network.network().id().value()).param("alert", alert.value())
                .param("now", Timestamp.from(now)).param("policy", policy.name())
                .param("people", people).param("groups", groups).param("tiers", tiers).param("priorities", priorities)
                .param("languages", languages).param("ack", ackRequired).param("timeouts", ackTimeouts)
                .param("backups", backups).param("standby", standbys).param("next", nextChecks).param("states", states)
                .query(rs -> {
                    trackIds.put(rs.getObject(2, UUID.class), rs.getLong(1));
                });
        List<Long> deliveryTracks = new ArrayList<>();
        List<UUID> deliveryPeople = new ArrayList<>();
        List<String> deliveryChannels = new ArrayList<>();
        List<String> deliveryLanguages = new ArrayList<>();
        List<Integer> deliveryPriorities = new ArrayList<>();
        for (int k = 0; k < recipients.size(); k++) {
            List<ChannelSend> sends = firstSends.getOrDefault(people[k], List.of());
            for (ChannelSend send : sends) {
                deliveryTracks.add(trackIds.get(people[k]));
                deliveryPeople.add(people[k]);
                deliveryChannels.add(send.channel().name());
                deliveryLanguages.add(languages[k]);
                deliveryPriorities.add(priorities[k]);
            }
        }
        if (!deliveryTracks.isEmpty()) {
            jdbc.sql("""
                            insert into delivery (track_id, network_id, alert_id, person_id, channel, language, priority,
                                                  status, due_at, created_at)
                            select v.track, :network, :alert, v.person, v.channel, v.language, v.priority, 'QUEUED', :now, :now
                              from unnest(:tracks::bigint[], :people::uuid[], :channels::text[], :languages::text[],
                                          :priorities::int[]) as v(track, person, channel, language, priority)
                            on conflict do nothing
                            """)
                    .param("network", network.network().id().value()).param("alert", alert.value())
                    .param("now", Timestamp.from(now))
                    .param("tracks", deliveryTracks.toArray(Long[]::new))
                    .param("people", deliveryPeople.toArray(UUID[]::new))
                    .param("channels", deliveryChannels.toArray(String[]::new))
                    .param("languages", deliveryLanguages.toArray(String[]::new))
                    .param("priorities", deliveryPriorities.toArray(Integer[]::new))
                    .update();
            bell.deliveriesQueued();
        }
        if (backupsNow) {
            bell.tracksDue();
        }
    }

    private static void fill(Recipient r, ToIntFunction<Recipient> priority, int i, UUID[] people, UUID[] groups, String[] tiers,
            Integer[] priorities, String[] languages, Boolean[] ackRequired, Integer[] ackTimeouts, UUID[] backups) {
        people[i] = r.person().value();
        groups[i] = r.group().value();
        tiers[i] = r.tier().name();
        priorities[i] = priority.applyAsInt(r);
        languages[i] = r.language().tag();
        ackRequired[i] = r.acknowledgementRequired();
        ackTimeouts[i] = (int) r.acknowledgementTimeout().toSeconds();
        backups[i] = r.backup().map(GroupId::value).orElse(null);
    }

}
