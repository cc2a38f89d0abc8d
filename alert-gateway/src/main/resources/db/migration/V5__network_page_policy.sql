-- A network's own policy for paging dispatchers when a new report arrives: for each of the three tiers, in
-- order, how it is paged and how many minutes to wait before the next tier (after the last tier paged: before the
-- next round); then how many extra rounds run, -1 meaning "start again until someone claims the report".
-- A tier that is not paged has neither channels nor a wait. The on-call dispatchers are always paged: they are the
-- only ones reached the moment a report arrives. Each page stops when the report is claimed.
-- One row per network, replaced on save and deleted on reset: a network without a row uses the built-in default.
-- Unlike the templates, no history is kept here: a page freezes its policy into escalation.snapshot when it
-- starts, so a page in flight never needs the policy as it was, and the audit log records every change.
-- Tiers are roles, never people, so the row holds no personal data.
create table page_policy (
    network_id                uuid        primary key references network (id),
    on_call_channels          text        not null
                                          check (on_call_channels in ('SIGNAL_THEN_SMS', 'SIGNAL_AND_SMS', 'SMS_ONLY')),
    on_call_wait_minutes      integer     not null check (on_call_wait_minutes between 1 and 60),
    backups_channels          text        check (backups_channels in ('SIGNAL_THEN_SMS', 'SIGNAL_AND_SMS', 'SMS_ONLY')),
    backups_wait_minutes      integer     check (backups_wait_minutes between 1 and 60),
    coordinators_channels     text        check (coordinators_channels in ('SIGNAL_THEN_SMS', 'SIGNAL_AND_SMS', 'SMS_ONLY')),
    coordinators_wait_minutes integer     check (coordinators_wait_minutes between 1 and 60),
    extra_rounds              integer     not null check (extra_rounds between -1 and 10),
    changed_at                timestamptz not null,
    changed_by                text        not null,   -- "user:<id>", as in the audit log
    check ((backups_channels is null) = (backups_wait_minutes is null)),
    check ((coordinators_channels is null) = (coordinators_wait_minutes is null))
);
