-- Direct messages: a short text to named people outside an alert or a page (an answer from the console inbox, a
-- request for a second approval, a page to a site's mutual-aid contacts, a notice to an account's owner, a test
-- message to a group). They travel through the same outbox as alerts, so they get the same guarantees: nothing
-- is sent before the change that causes it commits, at most one Signal message and one SMS per person.
create table direct_message (
    id          uuid primary key,
    network_id  uuid        not null references network (id) on delete cascade,
    purpose     text        not null check (purpose in ('ACCOUNT_NOTICE', 'APPROVAL_REQUEST', 'HELP_REQUEST',
                                'INBOX_ANSWER', 'REPORTER_CALLBACK', 'TEST_MESSAGE')),
    about       text        not null default '',   -- what it concerns, e.g. "alert:<id>", "inbound:<id>"; never contact data
    sent_by     uuid,                              -- the account that sent it; null when Aviso itself did
    created_at  timestamptz not null
);
create index direct_message_about on direct_message (network_id, about);
create index direct_message_created on direct_message (network_id, created_at);

create table direct_message_body (
    message_id uuid    not null references direct_message (id) on delete cascade,
    language   text    not null,
    channel    text    not null check (channel in ('SIGNAL', 'SMS')),
    body_ct    bytea   not null,
    segments   integer not null,
    primary key (message_id, language, channel)
);

alter table recipient_track add column message_id uuid references direct_message (id) on delete cascade;
alter table recipient_track drop constraint track_subject;
alter table recipient_track add constraint track_subject check (num_nonnulls(alert_id, escalation_id, message_id) = 1);
alter table recipient_track drop constraint recipient_track_channel_policy_check;
alter table recipient_track add constraint recipient_track_channel_policy_check
    check (channel_policy in ('SIGNAL_THEN_SMS', 'SIGNAL_AND_SMS', 'SMS_ONLY', 'SIGNAL_ONLY'));
create unique index recipient_track_message on recipient_track (message_id, person_id) where message_id is not null;

alter table delivery add column message_id uuid references direct_message (id) on delete cascade;
alter table delivery drop constraint delivery_subject;
alter table delivery add constraint delivery_subject check (num_nonnulls(alert_id, escalation_id, message_id) = 1);
create unique index delivery_once_per_message on delivery (message_id, person_id, channel) where message_id is not null;
