package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.SenderAccount;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where an alert stands: recipients by state, by channel and by tier, an estimate of when the last message
 * goes out at the senders' configured rates, and who could not be reached (masked number and label only).
 */
@Service
public class DeliveryReports {

    private final JdbcClient jdbc;
    private final TreeStore tree;
    private final List<Notifier> notifiers;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;

    DeliveryReports(JdbcClient jdbc, TreeStore tree, List<Notifier> notifiers, Clock clock,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.tree = tree;
        this.notifiers = notifiers;
        this.clock = clock;
    }

    /** The report. Counts are of people (tracks) unless named "messages". */
    public record DeliveryReport(UUID alertId, String kind, String status, long recipients, long standbyBackups,
            Map<String, Long> byState, long fellBackToSms, Map<String, Map<String, Long>> messagesByChannel,
            Map<String, Map<String, Long>> byTier, long queuedMessages, Optional<Instant> estimatedLastSend,
            List<Unreachable> unreachable) {
    }

    /**
     * Someone the alert could not reach (or may not have), as the console may show them: {@code reason} is their
     * state's key, {@code why} says it in words in the viewer's language.
     */
    public record Unreachable(UUID personId, String who, String maskedNumber, String reason, String why) {
    }

    public DeliveryReport report(NetworkId network, AlertId alert) {
        record Header(String kind, String status) {
        }
        Header header = jdbc.sql("select kind, status from alert where id = :id and network_id = :network")
                .param("id", alert.value()).param("network", network.value())
                .query(Header.class).optional().orElseThrow(NotInNetworkException::new);

        Map<String, Long> byState = new LinkedHashMap<>();
        for (RecipientOutcome.State state : RecipientOutcome.State.values()) {
            byState.put(state.key(), 0L);
        }
        Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
        long standby = jdbc.sql("select count(*) from recipient_track where alert_id = :id and standby")
                .param("id", alert.value()).query(Long.class).single();
        Map<Long, List<RecipientOutcome.Message>> messages = new java.util.HashMap<>();
        jdbc.sql("select track_id, channel, status, failure_reason, outcome_checked_at is not null from delivery "
                        + "where alert_id = :id")
                .param("id", alert.value())
                .query(rs -> {
                    messages.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new RecipientOutcome.Message(
                            Channel.valueOf(rs.getString(2)), DeliveryStatus.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getBoolean(5)));
                });
        long[] fellBack = {0};
        List<Object[]> notReached = new ArrayList<>();
        jdbc.sql("""
                        select t.id, t.person_id, t.tier, t.acknowledged_at is not null, t.cancelled_at is not null,
                               p.sms_opted_out
                          from recipient_track t join person p on p.id = t.person_id
                         where t.alert_id = :id and not t.standby order by t.priority, t.id
                        """)
                .param("id", alert.value())
                .query(rs -> {
                    List<RecipientOutcome.Message> mine = messages.getOrDefault(rs.getLong(1), List.of());
                    RecipientOutcome outcome = RecipientOutcome.of(rs.getBoolean(4), rs.getBoolean(5),
                            rs.getBoolean(6), mine);
                    String state = outcome.state().key();
                    byState.merge(state, 1L, Long::sum);
                    byTier.computeIfAbsent(rs.getString(3), t -> new LinkedHashMap<>()).merge(state, 1L, Long::sum);
                    boolean signalTried = mine.stream().anyMatch(m -> m.channel() == Channel.SIGNAL);
                    if (signalTried && outcome.channel().filter(c -> c == Channel.SMS).isPresent()) {
                        fellBack[0]++;
                    }
                    if ((outcome.state() == RecipientOutcome.State.UNREACHABLE
                            || outcome.state() == RecipientOutcome.State.OPTED_OUT
                            || outcome.state() == RecipientOutcome.State.OUTCOME_UNKNOWN) && notReached.size() < 500) {
                        notReached.add(new Object[] {rs.getObject(2, UUID.class), state, outcome.reason().orElse("")});
                    }
                });
        long recipients = byState.values().stream().mapToLong(Long::longValue).sum();

        Map<String, Map<String, Long>> byChannel = new LinkedHashMap<>();
        Map<Channel, Long> queuedUnits = new EnumMap<>(Channel.class);
        jdbc.sql("""
                        select d.channel, d.status, count(*), coalesce(sum(m.segments), count(*)) as units
                          from delivery d left join alert_message m
                            on m.alert_id = d.alert_id and m.language = d.language and m.channel = d.channel
                         where d.alert_id = :id group by d.channel, d.status
                        """)
                .param("id", alert.value())
                .query(rs -> {
                    Channel channel = Channel.valueOf(rs.getString(1));
                    String status = rs.getString(2);
                    byChannel.computeIfAbsent(channel.name(), c -> new LinkedHashMap<>())
                            .put(status.toLowerCase(), rs.getLong(3));
                    if ("QUEUED".equals(status) || "SENDING".equals(status)) {
                        queuedUnits.merge(channel, channel == Channel.SMS ? rs.getLong(4) : rs.getLong(3), Long::sum);
                    }
                });
        long queued = queuedUnits.values().stream().mapToLong(Long::longValue).sum();
        Optional<Instant> eta = queued == 0 ? Optional.empty() : Optional.of(clock.instant().plus(eta(queuedUnits)));
        return new DeliveryReport(alert.value(), header.kind(), header.status(), recipients, standby, byState,
                fellBack[0], byChannel, byTier, queued, eta, unreachable(network, notReached));
    }

    /** The slowest channel decides: its queued units at the sum of its senders' rates. */
    private Duration eta(Map<Channel, Long> queuedUnits) {
        Duration longest = Duration.ZERO;
        for (Map.Entry<Channel, Long> entry : queuedUnits.entrySet()) {
            double rate = notifiers.stream().filter(n -> n.channel() == entry.getKey())
                    .flatMap(n -> n.senders().stream()).mapToDouble(SenderAccount::ratePerSecond).sum();
            if (rate > 0) {
                Duration needed = Duration.ofMillis((long) Math.ceil(entry.getValue() * 1000 / rate));
                if (needed.compareTo(longest) > 0) {
                    longest = needed;
                }
            }
        }
        return longest;
    }

    private List<Unreachable> unreachable(NetworkId network, List<Object[]> rows) {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        List<Unreachable> result = new ArrayList<>();
        for (Object[] row : rows) {
            UUID person = (UUID) row[0];
            String why = words((String) row[2], locale);
            tree.person(network, new PersonId(person)).ifPresent(p -> result.add(new Unreachable(
                    person, p.name().or(() -> p.person().label()).orElse(""),
                    p.person().contact().phone().masked(), (String) row[1], why)));
        }
        return result;
    }

    /** A failure reason in words: Twilio's and the carrier's codes are named, never a number or a body. */
    private String words(String reason, java.util.Locale locale) {
        if (reason.startsWith("CARRIER_")) {
            return messages.getMessage("delivery.why.CARRIER", new Object[] {reason.substring(8)}, locale);
        }
        return messages.getMessage("delivery.why." + reason, null,
                messages.getMessage("delivery.why.OTHER", new Object[] {reason}, locale), locale);
    }
}
