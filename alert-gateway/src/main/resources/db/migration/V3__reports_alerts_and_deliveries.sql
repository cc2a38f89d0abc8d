-- Reports and incidents, alerts and their signatures, and the durable delivery pipeline
-- (recipient tracks, the outbox, escalations for pages, sender pacing).

create table incident (
    id             uuid primary key,
    version        integer     not null,
    network_id     uuid        not null references network (id),
    site_id        uuid        not null references site (id),
    opened_at      timestamptz not null,
    last_report_at timestamptz not null,
    expires_at     timestamptz not null
);
create index incident_site_open on incident (site_id, expires_at);

create table report (
    id               uuid primary key,
    version          integer     not null,
    network_id       uuid        not null references network (id),
    site_id          uuid        not null references site (id),
    incident_id      uuid        not null references incident (id),
    code             text        not null unique,
    size             text        not null,
    activity         text        not null,
    location_hint    text        not null,
    agency           text        not null,
    observed_time    text        not null,
    equipment        text        not null,
    text_ct          bytea,
    trust            text        not null check (trust in ('ENROLLED_SITE_CONTACT', 'UNENROLLED')),
    reporter_person_id uuid references person (id) on delete set null,
    reporter_device_id uuid references device (id) on delete set null,
    received_at      timestamptz not null,
    status           text        not null check (status in ('NEW', 'CLAIMED', 'VERIFIED', 'FALSE_ALARM', 'UNABLE_TO_VERIFY')),
    claimed_by       uuid references person (id),
    claimed_at       timestamptz,
    resolved_by      uuid references person (id),
    resolved_at      timestamptz
);
create index report_network_received on report (network_id, received_at desc);
create index report_incident on report (incident_id);

-- Photos lose their metadata (EXIF, GPS) before they get here.
create table report_photo (
    id           uuid primary key,
    report_id    uuid        not null references report (id) on delete cascade,
    network_id   uuid        not null references network (id),
    content_type text        not null check (content_type in ('image/jpeg', 'image/png')),
    photo_ct     bytea       not null,
    created_at   timestamptz not null
);
create index report_photo_report on report_photo (report_id);

-- Each network signs its alerts (Ed25519); the private key is encrypted like any other secret field.
create table network_signing_key (
    network_id     uuid primary key references network (id),
    public_key     bytea       not null,
    private_key_ct bytea       not null,
    created_at     timestamptz not null
);

create table alert (
    id               uuid primary key,
    version          integer     not null,
    network_id       uuid        not null references network (id),
    incident_id      uuid references incident (id),
    site_id          uuid references site (id),
    kind             text        not null check (kind in ('ADVISORY', 'VERIFIED', 'UPDATE', 'ALL_CLEAR', 'FALSE_ALARM', 'DRILL')),
    refers_to        uuid references alert (id),
    exercise         boolean     not null,
    status           text        not null check (status in ('AWAITING_APPROVAL', 'SENDING', 'SENT', 'CANCELLED', 'WITHDRAWN')),
    code             text        not null unique,
    signature        bytea       not null,
    sender_person_id uuid        not null references person (id),
    audience_groups  text        not null,          -- comma-separated group ids chosen in the composer
    instructions_ct  bytea,                         -- the dispatcher's instructions, part of the message
    created_at       timestamptz not null,
    sent_at          timestamptz,
    expires_at       timestamptz not null,
    cancelled_at     timestamptz,
    constraint follow_ups_refer check ((kind in ('UPDATE', 'ALL_CLEAR', 'FALSE_ALARM')) = (refers_to is not null))
);
create index alert_network_created on alert (network_id, created_at desc);
create index alert_refers_to on alert (refers_to);

create table alert_approval (
    alert_id    uuid        not null references alert (id) on delete cascade,
    person_id   uuid        not null references person (id),
    approved_at timestamptz not null,
    primary key (alert_id, person_id)            -- one person counts once
);

-- The rendered text per language and channel, encrypted: message bodies are personal data here.
create table alert_message (
    alert_id uuid    not null references alert (id) on delete cascade,
    language text    not null,
    channel  text    not null check (channel in ('SIGNAL', 'SMS')),
    body_ct  bytea   not null,
    segments integer not null,
    primary key (alert_id, language, channel)
);

-- A page: the escalation that wakes dispatchers for a new report, run from a frozen snapshot.
create table escalation (
    id             uuid primary key,
    network_id     uuid        not null references network (id),
    subject        text        not null,            -- "report:<id>"
    snapshot       text        not null,            -- frozen policy and target person ids (no contact data)
    started_at     timestamptz not null,
    next_tick_at   timestamptz,
    fencing_token  bigint      not null default 0,
    status         text        not null check (status in ('RUNNING', 'STOPPED')),
    stopped_reason text
);
create index escalation_due on escalation (next_tick_at) where status = 'RUNNING';

create table escalation_event (
    escalation_id uuid        not null references escalation (id) on delete cascade,
    seq           integer     not null,
    kind          text        not null check (kind in ('STEP_NOTIFIED', 'CLAIMED', 'ACKNOWLEDGED', 'CANCELLED')),
    step_key      text,
    person_id     uuid,
    at            timestamptz not null,
    primary key (escalation_id, seq)
);

create table page_message (
    escalation_id uuid    not null references escalation (id) on delete cascade,
    language      text    not null,
    channel       text    not null check (channel in ('SIGNAL', 'SMS')),
    body_ct       bytea   not null,
    segments      integer not null,
    primary key (escalation_id, language, channel)
);

-- One track per person an alert or a page step reaches: the per-recipient state the planner decides from.
-- Backup members are frozen in as standby tracks when the alert starts and only activated when needed.
create table recipient_track (
    id                    bigint generated always as identity primary key,
    network_id            uuid        not null,
    alert_id              uuid references alert (id) on delete cascade,
    escalation_id         uuid references escalation (id) on delete cascade,
    step_key              text        not null default '',
    person_id             uuid        not null references person (id) on delete cascade,
    group_id              uuid,
    tier                  text        not null,
    priority              integer     not null,
    language              text        not null,
    channel_policy        text        not null check (channel_policy in ('SIGNAL_THEN_SMS', 'SIGNAL_AND_SMS', 'SMS_ONLY')),
    acknowledgement_required boolean  not null default false,
    acknowledgement_timeout_seconds integer not null default 300,
    backup_group_id       uuid,
    standby               boolean     not null default false,
    started_at            timestamptz,
    next_check_at         timestamptz,
    fencing_token         bigint      not null default 0,
    state                 text        not null default 'QUEUED' check (state in ('QUEUED', 'SENT', 'DELIVERED', 'READ',
                              'ACKNOWLEDGED', 'FELL_BACK', 'UNREACHABLE', 'OPTED_OUT', 'CANCELLED')),
    acknowledged_at       timestamptz,
    backup_covered_at     timestamptz,
    cancelled_at          timestamptz,
    constraint track_subject check ((alert_id is null) <> (escalation_id is null))
);
create unique index recipient_track_alert on recipient_track (alert_id, person_id) where alert_id is not null;
create unique index recipient_track_page on recipient_track (escalation_id, step_key, person_id) where escalation_id is not null;
create index recipient_track_due on recipient_track (next_check_at) where next_check_at is not null;
create index recipient_track_person on recipient_track (person_id);

-- The outbox. A row is written in the same transaction as the change that causes it and is sent by
-- whichever gateway node claims it first (FOR UPDATE SKIP LOCKED, with a lease).
create table delivery (
    id               bigint generated always as identity primary key,
    track_id         bigint      not null references recipient_track (id) on delete cascade,
    network_id       uuid        not null,
    alert_id         uuid references alert (id) on delete cascade,
    escalation_id    uuid references escalation (id) on delete cascade,
    step_key         text        not null default '',
    person_id        uuid        not null,
    channel          text        not null check (channel in ('SIGNAL', 'SMS')),
    language         text        not null,
    priority         integer     not null,
    status           text        not null check (status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED',
                         'UNKNOWN', 'CANCELLED')),
    due_at           timestamptz not null,
    lease_owner      text,
    lease_until      timestamptz,
    attempts         integer     not null default 0,
    sender           text,
    provider_ref     text,                         -- Signal send timestamp or Twilio message SID
    recipient_aci_index bytea,                     -- keyed hash of the Signal ACI the send result named
    failure_reason   text,
    error_code       integer,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    delivered_at     timestamptz,
    read_at          timestamptz,
    constraint delivery_subject check ((alert_id is null) <> (escalation_id is null))
);
-- At most one Signal message and one SMS per recipient per alert, held by the schema itself.
create unique index delivery_once_per_alert on delivery (alert_id, person_id, channel) where alert_id is not null;
create unique index delivery_once_per_page_step on delivery (escalation_id, step_key, person_id, channel)
    where escalation_id is not null;
create index delivery_due on delivery (priority, due_at) where status = 'QUEUED';
create index delivery_leased on delivery (lease_until) where status = 'SENDING';
create index delivery_provider_ref on delivery (channel, provider_ref);
create index delivery_track on delivery (track_id);
create index delivery_alert on delivery (alert_id);

-- A Signal receipt that arrived before its send's result was recorded (the phone answered faster than we wrote
-- the outcome down). Applied when the send is recorded; purged after a day.
create table pending_receipt (
    id           bigint generated always as identity primary key,
    provider_ref text        not null,
    aci_index    bytea       not null,
    kind         text        not null check (kind in ('DELIVERED', 'READ')),
    at           timestamptz not null,
    received_at  timestamptz not null
);
create index pending_receipt_ref on pending_receipt (provider_ref);

-- Pacing: each sender's next free slot, shared by every gateway node (a token bucket of capacity 1).
create table sender_pace (
    sender    text primary key,
    next_slot timestamptz not null
);

-- Work for people that a channel raises: a Signal captcha, a changed safety number, refused credentials.
create table channel_task (
    id          uuid primary key,
    network_id  uuid,
    kind        text        not null check (kind in ('CAPTCHA', 'IDENTITY_CHANGED', 'CREDENTIALS_REFUSED')),
    sender      text        not null,
    person_id   uuid references person (id) on delete cascade,
    detail      text        not null default '',
    created_at  timestamptz not null,
    resolved_at timestamptz,
    resolved_by uuid
);
create index channel_task_open on channel_task (created_at) where resolved_at is null;

-- Inbound messages kept for the incident timeline and the demo inbox; bodies encrypted, deleted with retention.
create table inbound_message (
    id          uuid primary key,
    network_id  uuid        not null references network (id),
    person_id   uuid references person (id) on delete set null,
    channel     text        not null check (channel in ('SIGNAL', 'SMS')),
    body_ct     bytea       not null,
    interpreted text        not null,            -- ACKNOWLEDGE, VERIFY, HELP, OPT_OUT, OPT_IN, CLAIM, CONFIRM, UNKNOWN
    alert_id    uuid references alert (id) on delete set null,
    received_at timestamptz not null
);
create index inbound_message_received on inbound_message (received_at);

-- What remains after retention deletes the details: counts per network, day and kind.
create table daily_count (
    network_id uuid    not null,
    day        date    not null,
    metric     text    not null,
    count      bigint  not null,
    primary key (network_id, day, metric)
);

-- Demo mode only: what the simulated channels "sent" and "received", shown on the demo inbox page.
create table demo_message (
    id           bigint generated always as identity primary key,
    network_id   uuid        not null references network (id),
    person_id    uuid references person (id) on delete cascade,
    channel      text        not null check (channel in ('SIGNAL', 'SMS')),
    direction    text        not null check (direction in ('OUT', 'IN')),
    body_ct      bytea       not null,
    status       text        not null,
    provider_ref text,
    created_at   timestamptz not null
);
create index demo_message_network on demo_message (network_id, created_at desc);
