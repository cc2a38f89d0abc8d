package org.aviso.gateway.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lower-trust queue: messages from numbers that are nobody in the tree (number and words encrypted). */
@Repository
public class MessageReportStore {

    static final FieldRef TEXT = FieldRef.of("message_report", "text_ct");
    static final FieldRef SENDER = FieldRef.of("message_report", "sender_ct");

    public enum Status { NEW, PROMOTED, DISMISSED }

    /** A message in the queue. {@code toString()} leaves out the words. */
    public record MessageReport(UUID id, NetworkId network, ShortCode code, Channel channel, Language language,
            String text, Instant receivedAt, Status status, Optional<ReportId> report) {

        @Override
        public String toString() {
            return "MessageReport[" + id + ", " + status + ", text hidden]";
        }
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    MessageReportStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** How many messages this sender (by keyed hash) left in the queue since {@code since}, in any network. */
    int countFrom(byte[] senderIndex, Instant since) {
        return jdbc.sql("select count(*) from message_report where sender_index = :sender and received_at > :since")
                .param("sender", senderIndex).param("since", Timestamp.from(since))
                .query(Integer.class).single();
    }

    void insert(MessageReport report, byte[] senderIndex, String sender) {
        UUID network = report.network().value();
        jdbc.sql("""
                        insert into message_report (id, network_id, code, sender_index, sender_ct, channel, language,
                                                    text_ct, received_at, status)
                        values (:id, :network, :code, :index, :sender, :channel, :language, :text, :at, 'NEW')
                        """)
                .param("id", report.id()).param("network", network).param("code", report.code().value())
                .param("index", senderIndex)
                .param("sender", cipher.encrypt(network, SENDER, report.id(), sender))
                .param("channel", report.channel().name()).param("language", report.language().tag())
                .param("text", cipher.encrypt(network, TEXT, report.id(), report.text()))
                .param("at", Timestamp.from(report.receivedAt()))
                .update();
    }

    public List<MessageReport> waiting(NetworkId network, int limit) {
        return jdbc.sql("""
                        select * from message_report where network_id = :network and status = 'NEW'
                         order by received_at desc limit :limit
                        """)
                .param("network", network.value()).param("limit", limit)
                .query((rs, n) -> map(rs)).list();
    }

    /** The message, locked for the caller's transaction (a dispatcher decides about it). */
    Optional<MessageReport> findLocked(NetworkId network, UUID id) {
        return jdbc.sql("select * from message_report where network_id = :network and id = :id for update")
                .param("network", network.value()).param("id", id)
                .query((rs, n) -> map(rs)).optional();
    }

    void decide(UUID id, Status status, Optional<ReportId> report, PersonId by, Instant at) {
        jdbc.sql("""
                        update message_report set status = :status, report_id = :report, decided_by = :by,
                               decided_at = :at where id = :id and status = 'NEW'
                        """)
                .param("status", status.name()).param("report", report.map(ReportId::value).orElse(null))
                .param("by", by.value()).param("at", Timestamp.from(at)).param("id", id)
                .update();
    }

    /** The network an Aviso number belongs to, for senders who are nobody in any tree. */
    Optional<NetworkId> networkOfAccount(String account) {
        return jdbc.sql("select network_id from inbound_account where account = :account")
                .param("account", account).query(UUID.class).optional().map(NetworkId::new);
    }

    private MessageReport map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID report = rs.getObject("report_id", UUID.class);
        return new MessageReport(id, new NetworkId(rs.getObject("network_id", UUID.class)),
                ShortCode.parse(rs.getString("code")), Channel.valueOf(rs.getString("channel")),
                new Language(rs.getString("language")), cipher.decrypt(TEXT, id, rs.getBytes("text_ct")),
                rs.getTimestamp("received_at").toInstant(), Status.valueOf(rs.getString("status")),
                Optional.ofNullable(report).map(ReportId::new));
    }
}
