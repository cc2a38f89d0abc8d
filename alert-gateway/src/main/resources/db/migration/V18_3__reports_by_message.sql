-- Issue 18: reports by message. A site contact's text becomes a report marked "by message". Text from any other
-- number lands in the lower-trust queue (message_report), limited per sender by the keyed hash of their number,
-- until a dispatcher promotes it into an incident or dismisses it. The sender's number and words are encrypted.

alter table report add column by_message boolean not null default false;

create table message_report (
    id            uuid primary key,
    network_id    uuid        not null references network (id),
    code          text        not null unique,            -- the code the sender was given
    sender_index  bytea       not null,                   -- BlindIndex of the sender's number (or Signal ACI)
    sender_ct     bytea       not null,                   -- the number or ACI, encrypted: to answer them
    channel       text        not null check (channel in ('SIGNAL', 'SMS')),
    language      text        not null,
    text_ct       bytea       not null,
    received_at   timestamptz not null,
    status        text        not null default 'NEW' check (status in ('NEW', 'PROMOTED', 'DISMISSED')),
    report_id     uuid references report (id) on delete set null,
    decided_by    uuid references person (id) on delete set null,
    decided_at    timestamptz
);
create index message_report_sender on message_report (sender_index, received_at);
create index message_report_queue on message_report (network_id, received_at) where status = 'NEW';

-- Which network a message to one of Aviso's numbers (a Signal account, a Twilio number) belongs to, for senders
-- who are nobody in any tree. Without a row, an installation with one network uses it.
create table inbound_account (
    account    text primary key,
    network_id uuid not null references network (id)
);
