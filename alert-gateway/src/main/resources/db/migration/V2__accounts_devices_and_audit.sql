-- Who may sign in, the phones site contacts enrolled, and the append-only audit chain.

create table user_account (
    id                  uuid primary key,
    version             integer     not null,
    network_id          uuid        not null references network (id),
    person_id           uuid references person (id),     -- the contact point a dispatcher is paged at
    role                text        not null check (role in ('ADMINISTRATOR', 'DISPATCHER')),
    username_index      bytea       not null unique,      -- keyed hash: a user name may be a person's name
    username_ct         bytea       not null,
    passphrase_hash     text        not null,             -- Argon2id, encoded with its parameters
    totp_secret_ct      bytea       not null,
    totp_last_step      bigint      not null default 0,   -- refuses a replayed code
    failed_attempts     integer     not null default 0,
    locked_until        timestamptz,
    last_sign_in_at     timestamptz,
    disabled            boolean     not null default false,
    created_at          timestamptz not null
);
create index user_account_network on user_account (network_id);

-- A one-time enrollment code an administrator sends to a site contact. Only its hash is kept.
create table device_enrollment (
    id          uuid primary key,
    network_id  uuid        not null references network (id),
    person_id   uuid        not null references person (id) on delete cascade,
    site_id     uuid        not null references site (id),
    code_hash   bytea       not null unique,
    created_by  uuid        not null references user_account (id),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);

-- The long-lived credential on a site contact's phone. Only its hash is kept.
create table device (
    id               uuid primary key,
    version          integer     not null,
    network_id       uuid        not null references network (id),
    person_id        uuid        not null references person (id) on delete cascade,
    site_id          uuid        not null references site (id),
    credential_hash  bytea       not null unique,
    description      text        not null default '',      -- browser family only, e.g. "Chrome on Android"
    enrolled_at      timestamptz not null,
    last_seen_at     timestamptz,
    revoked_at       timestamptz,
    revoked_by       uuid references user_account (id)
);
create index device_person on device (person_id);

create table audit_entry (
    seq        bigint primary key,
    network_id uuid,
    at         timestamptz not null,
    actor      text        not null,   -- "user:<id>", "device:<id>", "system"; never a name or number
    action     text        not null check (action in (
                   'SIGN_IN', 'SIGN_IN_FAILED', 'ACCOUNT_LOCKED', 'SIGN_OUT',
                   'DEVICE_ENROLLMENT_CREATED', 'DEVICE_ENROLLED', 'DEVICE_REVOKED',
                   'REPORT_SUBMITTED', 'REPORT_CLAIMED', 'REPORT_RELEASED', 'CLAIM_BROKEN', 'REPORT_RESOLVED',
                   'ALERT_DRAFTED', 'ALERT_APPROVED', 'ALERT_SENT', 'ALERT_CANCELLED',
                   'PAGE_STARTED', 'EXPORT', 'KEY_ROTATION', 'SETTINGS_CHANGED', 'PERSON_CHANGED',
                   'TASK_RESOLVED', 'RETENTION_RUN')),
    subject    text        not null,   -- "report:<id>", "alert:<id>", ...
    details    text        not null,   -- ids, kinds and counts only
    prev_hash  bytea       not null,
    hash       bytea       not null
);
create index audit_entry_subject on audit_entry (subject);
create index audit_entry_network_at on audit_entry (network_id, at);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_entry_no_update before update on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_delete before delete on audit_entry
    for each row execute function audit_entry_is_append_only();
