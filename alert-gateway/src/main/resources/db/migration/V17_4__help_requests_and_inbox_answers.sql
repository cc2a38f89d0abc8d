-- Issue 17 item 4: what families send back reaches a person.
--
-- A help request: a family answered AYUDA / HELP to an alert that reached them. It pages the site's mutual-aid
-- contacts and stays on the console until a dispatcher takes it. It hangs off the message the family sent, so it goes
-- when retention (or an erasure) deletes that message. No text here: the message itself is encrypted where it is kept.
create table help_request (
    id          uuid primary key,
    network_id  uuid        not null references network (id),
    inbound_id  uuid        not null unique references inbound_message (id) on delete cascade
                            deferrable initially deferred,   -- the message is kept later in the same transaction
    alert_id    uuid        not null references alert (id) on delete cascade,
    person_id   uuid        not null,                          -- no key: an erasure keeps nothing that names them
    site_id     uuid references site (id) on delete set null,
    group_id    uuid,
    channel     text        not null check (channel in ('SIGNAL', 'SMS')),
    opened_at   timestamptz not null,
    paged       integer     not null,                          -- how many mutual-aid contacts were paged
    taken_by    uuid references user_account (id) on delete set null,
    taken_at    timestamptz
);
create index help_request_open on help_request (network_id, opened_at) where taken_at is null;
create index help_request_alert on help_request (alert_id);

-- A dispatcher's one answer to a message in the console inbox. The primary key is the message: a second answer to
-- the same message cannot be written, so a family never hears twice. The text itself is the direct message's
-- (delivery package, encrypted); this row says who answered and which message carried it.
create table inbox_answer (
    inbound_id  uuid primary key references inbound_message (id) on delete cascade,
    network_id  uuid        not null references network (id),
    answered_by uuid        references user_account (id) on delete set null,
    answered_at timestamptz not null,
    message_id  uuid        not null
);
