-- Issue 18: approval as a conversation. An approver may turn an alert down with a reason the composer reads; the
-- reason is a person's words, so it is encrypted (FieldCipher, row id = the alert id).
alter table alert drop constraint alert_status_check;
alter table alert add constraint alert_status_check
    check (status in ('AWAITING_APPROVAL', 'SENDING', 'SENT', 'CANCELLED', 'WITHDRAWN', 'REJECTED'));

create table alert_rejection (
    alert_id    uuid primary key references alert (id) on delete cascade,   -- one rejection ends the alert
    person_id   uuid        not null references person (id),
    reason_ct   bytea       not null,
    rejected_at timestamptz not null
);
