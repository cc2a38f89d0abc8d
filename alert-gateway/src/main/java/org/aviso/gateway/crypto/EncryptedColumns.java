package org.aviso.gateway.crypto;

import java.util.List;

/**
 * Every column that holds ciphertext, with how to find the row id its ciphertext is bound to and the network whose
 * key encrypted it. Key rotation walks this list; {@code EncryptedColumnsTest} fails when a table gains an
 * {@code _ct} column that is not listed here.
 */
public final class EncryptedColumns {

    /**
     * @param field   table and column
     * @param rowId   SQL for the row id used in the associated data
     * @param network SQL for the network whose data key encrypts the value
     */
    public record EncryptedColumn(FieldRef field, String rowId, String network) {
    }

    public static final List<EncryptedColumn> ALL = List.of(
            column("person", "name_ct", "id::text", "network_id"),
            column("person", "label_ct", "id::text", "network_id"),
            column("person", "phone_ct", "id::text", "network_id"),
            column("contact_group", "name_ct", "id::text", "network_id"),
            column("user_account", "username_ct", "id::text", "network_id"),
            column("user_account", "totp_secret_ct", "id::text", "network_id"),
            column("report", "text_ct", "id::text", "network_id"),
            column("report_photo", "photo_ct", "id::text", "network_id"),
            column("alert", "instructions_ct", "id::text", "network_id"),
            column("alert", "steps_ct", "id::text", "network_id"),
            column("alert", "free_texts_ct", "id::text", "network_id"),
            column("alert_message", "body_ct", "alert_id::text || '/' || language || '/' || channel",
                    "(select a.network_id from alert a where a.id = alert_message.alert_id)"),
            column("page_message", "body_ct", "escalation_id::text || '/' || language || '/' || channel",
                    "(select e.network_id from escalation e where e.id = page_message.escalation_id)"),
            column("inbound_message", "body_ct", "id::text", "network_id"),
            column("direct_message_body", "body_ct", "message_id::text || '/' || language || '/' || channel",
                    "(select m.network_id from direct_message m where m.id = direct_message_body.message_id)"),
            column("demo_message", "body_ct", "id::text", "network_id"),
            column("network_signing_key", "private_key_ct", "network_id::text", "network_id"),
            column("alert_rejection", "reason_ct", "alert_id::text",
                    "(select a.network_id from alert a where a.id = alert_rejection.alert_id)"),
            column("message_report", "text_ct", "id::text", "network_id"),
            column("message_report", "sender_ct", "id::text", "network_id"),
            column("enrolment_conversation", "phone_ct", "id::text", "network_id"),
            column("site_profile_revision", "body_ct", "id::text", "network_id"),
            column("verification_note", "seen_ct", "id::text", "network_id"),
            column("verification_note", "by_whom_ct", "id::text", "network_id"));

    private EncryptedColumns() {
    }

    private static EncryptedColumn column(String table, String column, String rowId, String network) {
        return new EncryptedColumn(FieldRef.of(table, column), rowId, network);
    }
}
