-- A network's own wording of its alert templates, kept as a history: each save or reset adds a row and nothing
-- is updated. The text in force for a kind, language and channel at a given moment is the latest row at or
-- before it; a row without a body means "back to the built-in text". An alert is rendered with the templates in
-- force when it was composed, so one that waits for a second approval goes out with the text its approvers saw.
-- Templates hold no personal data (they name no one; the site and code are filled in when an alert is sent), so
-- the body is plain text.
create table message_template_revision (
    id         bigint generated always as identity primary key,
    network_id uuid        not null references network (id),
    kind       text        not null check (kind in ('ADVISORY', 'VERIFIED', 'UPDATE', 'ALL_CLEAR', 'FALSE_ALARM', 'DRILL')),
    language   text        not null check (language ~ '^[a-z]{2,3}(-[a-z0-9]{2,8})*$'),
    channel    text        not null check (channel in ('SIGNAL', 'SMS')),
    body       text        check (body is null or length(body) between 1 and 2000),
    changed_at timestamptz not null,
    changed_by text        not null   -- "user:<id>", as in the audit log
);
create index message_template_revision_in_force
    on message_template_revision (network_id, kind, language, channel, changed_at desc, id desc);
