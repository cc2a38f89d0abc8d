-- Issue 18: a closed incident stays closed. An ALL_CLEAR or FALSE_ALARM (or the incident's expiry) closes it: its
-- open reports become CLOSED, its pages stop, and a later report at the site opens a new incident that remembers
-- which one it came after. A claim held too long without an outcome is flagged and the report pages again.

alter table incident
    add column closed_at         timestamptz,
    add column closed_reason     text check (closed_reason in ('ALL_CLEAR', 'FALSE_ALARM', 'EXPIRED')),
    add column closed_by_alert   uuid references alert (id),
    add column after_incident_id uuid references incident (id),
    add constraint incident_closed_with_reason check ((closed_at is null) = (closed_reason is null));
create index incident_expiring on incident (expires_at) where closed_at is null;

alter table report drop constraint report_status_check;
alter table report add constraint report_status_check
    check (status in ('NEW', 'CLAIMED', 'VERIFIED', 'FALSE_ALARM', 'UNABLE_TO_VERIFY', 'CLOSED'));
alter table report add column idle_flagged_at timestamptz;   -- when the current claim was flagged as idle
create index report_claimed_at on report (claimed_at) where status = 'CLAIMED';

-- A network's settings for incidents and follow-ups; a network without a row uses the defaults.
create table network_incident_setting (
    network_id         uuid primary key references network (id),
    claim_idle_minutes integer     not null default 15 check (claim_idle_minutes between 1 and 240),
    follow_up_quorum   text        not null default 'SAME_AS_ORIGINAL'
                                   check (follow_up_quorum in ('SAME_AS_ORIGINAL', 'RELAXED_FOR_UPDATES')),
    changed_at         timestamptz not null
);

-- Features add audit actions: the column checks the name's shape, as direct_message.purpose does (V8).
alter table audit_entry drop constraint if exists audit_entry_action_check;
alter table audit_entry drop constraint if exists audit_entry_action_shape;
alter table audit_entry add constraint audit_entry_action_shape check (action ~ '^[A-Z][A-Z_]{1,39}$');
