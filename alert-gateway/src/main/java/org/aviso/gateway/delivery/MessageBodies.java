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

    Optional<Body> body(UUID alertId, UUID escalationId, String language, Channel channel) {
        boolean alert = alertId != null;
        UUID subject = alert ? alertId : escalationId;
        String key = subject + "|" + language + "|" + channel;
        synchronized (cache) {
            Body cached = cache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        String table = alert ? "alert_message" : "page_message";
        String column = alert ? "alert_id" : "escalation_id";
        FieldRef field = alert ? ALERT_BODY : PAGE_BODY;
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
