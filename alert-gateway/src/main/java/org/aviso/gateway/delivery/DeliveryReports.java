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

    DeliveryReports(JdbcClient jdbc, TreeStore tree, List<Notifier> notifiers, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.notifiers = notifiers;
        this.clock = clock;
    }

    /** The report. Counts are of people (tracks) unless named "messages". */
    public record DeliveryReport(UUID alertId, String kind, String status, long recipients, long standbyBackups,
            Map<String, Long> byState, Map<String, Map<String, Long>> messagesByChannel,
            Map<String, Map<String, Long>> byTier, long queuedMessages, Optional<Instant> estimatedLastSend,
            List<Unreachable> unreachable) {
    }

    /** Someone the alert could not reach, as the console may show them. */
    public record Unreachable(UUID personId, String who, String maskedNumber, String reason) {
    }

    public DeliveryReport report(NetworkId network, AlertId alert) {
        record Header(String kind, String status) {
        }
        Header header = jdbc.sql("select kind, status from alert where id = :id and network_id = :network")
                .param("id", alert.value()).param("network", network.value())
                .query(Header.class).optional().orElseThrow(NotInNetworkException::new);

        Map<String, Long> byState = new LinkedHashMap<>();
        Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
        long[] standby = {0};
        jdbc.sql("""
                        select tier, state, standby, count(*) from recipient_track where alert_id = :id
                         group by tier, state, standby order by tier, state
                        """)
                .param("id", alert.value())
                .query(rs -> {
                    if (rs.getBoolean("standby")) {
                        standby[0] += rs.getLong(4);
                        return;
                    }
                    String state = rs.getString("state").toLowerCase();
                    long count = rs.getLong(4);
                    byState.merge(state, count, Long::sum);
                    byTier.computeIfAbsent(rs.getString("tier"), t -> new LinkedHashMap<>()).merge(state, count, Long::sum);
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
        return new DeliveryReport(alert.value(), header.kind(), header.status(), recipients, standby[0], byState,
                byChannel, byTier, queued, eta, unreachable(network, alert));
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

    private List<Unreachable> unreachable(NetworkId network, AlertId alert) {
        record Row(UUID personId, String state) {
        }
        List<Row> rows = jdbc.sql("""
                        select person_id, state from recipient_track
                         where alert_id = :id and not standby and state in ('UNREACHABLE', 'OPTED_OUT')
                         order by priority, id limit 500
                        """)
                .param("id", alert.value()).query(Row.class).list();
        List<Unreachable> result = new ArrayList<>();
        for (Row row : rows) {
            tree.person(network, new PersonId(row.personId())).ifPresent(p -> result.add(new Unreachable(
                    row.personId(), p.name().or(() -> p.person().label()).orElse(""),
                    p.person().contact().phone().masked(), row.state().toLowerCase())));
        }
        return result;
    }
}
