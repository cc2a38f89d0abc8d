-- Issue 16: families enrol themselves by text (JOIN <code> / UNIRME <código>).

-- How a site takes self-enrolment: the code on its flyer, the group new families join, and whether an
-- administrator approves each one first.
create table site_enrolment (
    site_id           uuid primary key references site (id) on delete cascade,
    network_id        uuid    not null references network (id) on delete cascade,
    code              text    not null check (code ~ '^[A-Z0-9]{2,16}$'),
    family_group_id   uuid references contact_group (id) on delete set null,
    requires_approval boolean not null default false
);
-- the network's number may serve several networks of one installation: a code names one site everywhere
create unique index site_enrolment_code on site_enrolment (code);

-- A conversation in progress with someone who wrote JOIN, kept in the database so that it survives a restart.
-- The sender is found by the blind index of their number; the number itself is encrypted (phone_ct, bound to
-- the row id) and only read to enrol them at the end. It ends after an hour of silence, or when an
-- administrator decides on a request waiting for approval.
create table enrolment_conversation (
    id           uuid primary key,
    network_id   uuid        not null references network (id) on delete cascade,
    site_id      uuid        not null references site (id) on delete cascade,
    sender_index bytea       not null unique,
    phone_ct     bytea       not null,
    channel      text        not null check (channel in ('SIGNAL', 'SMS')),
    step         text        not null check (step in ('LANGUAGE', 'CONSENT', 'AWAITING_APPROVAL')),
    language     text        not null,
    started_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index enrolment_conversation_waiting on enrolment_conversation (network_id, step);

-- Someone's YES to the enrolment text: when, on which channel, which version of the text. Nothing more. It goes
-- with the person (or with the request, while it waits for approval).
create table consent (
    id              uuid primary key,
    network_id      uuid        not null references network (id) on delete cascade,
    person_id       uuid references person (id) on delete cascade,
    conversation_id uuid references enrolment_conversation (id) on delete cascade,
    channel         text        not null check (channel in ('SIGNAL', 'SMS')),
    text_version    text        not null,
    consented_at    timestamptz not null,
    constraint consent_belongs check (num_nonnulls(person_id, conversation_id) = 1)
);
create index consent_person on consent (person_id);
