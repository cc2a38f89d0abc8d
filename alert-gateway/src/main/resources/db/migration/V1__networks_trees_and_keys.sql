-- Networks, their sites and communication trees, the people in them, and the wrapped data keys.
-- Conventions: enums are stored as text with a CHECK; columns ending in _ct hold AES-GCM ciphertext
-- (see FieldCipher), columns ending in _index hold a keyed hash (see BlindIndex). Nothing here records
-- immigration status, nationality or student names.

create table data_key (
    id            uuid primary key,
    network_id    uuid,                        -- null: installation-wide (the blind-index key)
    purpose       text        not null check (purpose in ('FIELD_ENCRYPTION', 'BLIND_INDEX')),
    master_key_id text        not null,
    wrapped       bytea       not null,
    created_at    timestamptz not null,
    retired_at    timestamptz
);
create unique index data_key_one_active
    on data_key (coalesce(network_id, '00000000-0000-0000-0000-000000000000'::uuid), purpose)
    where retired_at is null;

create table network (
    id                         uuid primary key,
    version                    integer     not null,
    name                       text        not null check (length(name) between 1 and 120),
    languages                  text        not null,  -- comma-separated language tags, always including en and es
    time_zone                  text        not null,
    quorum_family_wide         integer     not null default 2 check (quorum_family_wide >= 2),
    quorum_staff_only          integer     not null default 1 check (quorum_staff_only >= 1),
    incident_window_seconds    integer     not null default 1800 check (incident_window_seconds > 0),
    incident_expiry_seconds    integer     not null default 43200 check (incident_expiry_seconds > 0),
    retention_days             integer     not null default 30 check (retention_days between 1 and 3650),
    receipt_timeout_seconds    integer     not null default 90 check (receipt_timeout_seconds between 10 and 3600),
    created_at                 timestamptz not null
);

create table site (
    id         uuid primary key,
    version    integer     not null,
    network_id uuid        not null references network (id),
    name       text        not null check (length(name) between 1 and 120),
    created_at timestamptz not null
);
create index site_network on site (network_id);

-- What a site tells people who reply HELP / AYUDA, per language (no personal data).
create table site_help_text (
    site_id  uuid not null references site (id) on delete cascade,
    language text not null,
    body     text not null check (length(body) <= 480),
    primary key (site_id, language)
);

create table contact_group (
    id                      uuid primary key,
    version                 integer not null,
    network_id              uuid    not null references network (id),
    site_id                 uuid references site (id),   -- null: a network-level group (dispatchers, verifiers)
    name                    text    not null check (length(name) between 1 and 80),
    tier                    text    not null check (tier in ('DISPATCH_AND_NETWORK', 'SITE_LEADS', 'STAFF', 'FAMILIES')),
    receives                text    not null,            -- comma-separated alert kinds
    acknowledgement_required boolean not null default false,
    acknowledgement_timeout_seconds integer not null default 300 check (acknowledgement_timeout_seconds > 0),
    backup_group_id         uuid references contact_group (id),
    channel_mode            text    not null default 'DIRECT' check (channel_mode in ('DIRECT', 'GROUP')),
    signal_group_id         text,                        -- the announcement group Aviso keeps, in GROUP mode
    -- Families are reached one to one: members of a Signal group see each other's numbers.
    constraint families_are_direct check (tier <> 'FAMILIES' or channel_mode = 'DIRECT'),
    constraint families_never_advisory check (tier <> 'FAMILIES' or receives not like '%ADVISORY%')
);
create index contact_group_network on contact_group (network_id);

create table person (
    id                 uuid primary key,
    version            integer     not null,
    network_id         uuid        not null references network (id),
    site_id            uuid references site (id),
    roles              text        not null,             -- comma-separated roles
    language           text        not null,
    name_ct            bytea,                            -- display name (staff, dispatchers); families may have none
    label_ct           bytea,                            -- e.g. "Room 12 family"
    phone_ct           bytea       not null,
    phone_index        bytea       not null,
    signal_status      text        not null default 'UNKNOWN' check (signal_status in ('ON_SIGNAL', 'NOT_ON_SIGNAL', 'UNKNOWN')),
    signal_checked_at  timestamptz,
    signal_aci_index   bytea,                            -- keyed hash of the Signal ACI, to match receipts
    sms_opted_out      boolean     not null default false,
    sms_opted_out_at   timestamptz,
    sms_unusable       boolean     not null default false,
    identity_changed   boolean     not null default false,
    on_call            boolean     not null default false,
    created_at         timestamptz not null,
    constraint person_phone_unique unique (network_id, phone_index)
);
create index person_phone_index on person (phone_index);
create index person_aci_index on person (signal_aci_index);

create table group_member (
    group_id  uuid not null references contact_group (id) on delete cascade,
    person_id uuid not null references person (id) on delete cascade,
    primary key (group_id, person_id)
);
create index group_member_person on group_member (person_id);
