package org.aviso.gateway.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rendered text of an alert or page in one language for one channel, decrypted once and kept in a small
 * cache: a 100,000-recipient alert has a handful of distinct bodies.
 */
class MessageBodies {

    static final FieldRef ALERT_BODY = FieldRef.of("alert_message", "body_ct");
    static final FieldRef PAGE_BODY = FieldRef.of("page_message", "body_ct");
    private static final int CACHE_SIZE = 256;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Map<String, Body> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Body> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    MessageBodies(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record Body(String text, int segments) {

        @Override
        public String toString() {
            return "Body[" + segments + " segments]";
        }
    }

    /** What an alert, a page or a direct message says; exactly one of the three ids is given. */
    Optional<Body> body(UUID alertId, UUID escalationId, UUID messageId, String language, Channel channel) {
        Source source = alertId != null ? Source.ALERT : escalationId != null ? Source.PAGE : Source.DIRECT;
        UUID subject = alertId != null ? alertId : escalationId != null ? escalationId : messageId;
        String key = subject + "|" + language + "|" + channel;
        synchronized (cache) {
            Body cached = cache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        String table = source.table;
        String column = source.column;
        FieldRef field = source.field;
        record Row(String language, byte[] bodyCt, int segments) {
        }
        Optional<Row> row = jdbc.sql("select language, body_ct, segments from " + table + " where " + column
                        + " = :subject and channel = :channel and language in (:language, 'en')"
                        + " order by (language = :language) desc limit 1")
                .param("subject", subject)
                .param("channel", channel.name())
                .param("language", language)
                .query(Row.class)
                .optional();
        Optional<Body> body = row.map(r -> new Body(
                cipher.decrypt(field, rowId(subject, r.language(), channel), r.bodyCt()), r.segments()));
        body.ifPresent(b -> {
            synchronized (cache) {
                cache.put(key, b);
            }
        });
        return body;
    }

    private enum Source {
        ALERT("alert_message", "alert_id", ALERT_BODY),
        PAGE("page_message", "escalation_id", PAGE_BODY),
        DIRECT("direct_message_body", "message_id", DirectMessages.BODY);

        final String table;
        final String column;
        final FieldRef field;

        Source(String table, String column, FieldRef field) {
            this.table = table;
            this.column = column;
            this.field = field;
        }
    }

    /** The row id a message body's ciphertext is bound to. */
    static String rowId(UUID subject, String language, Channel channel) {
        return subject + "/" + language + "/" + channel;
    }

    void forget() {
        synchronized (cache) {
            cache.clear();
        }
    }
}
