-- Issue 18: a dispatcher may message the person who made a report once per step of the report (NEW, CLAIMED,
-- VERIFIED, ...). The primary key is the "once": a second attempt at the same step inserts nothing. The message
-- itself (its texts, encrypted, and its deliveries) belongs to the delivery package's direct_message tables; this
-- row only says which step was answered, by whom and when. It goes with its report at retention.
create table reporter_callback (
    report_id  uuid        not null references report (id) on delete cascade,
    step       text        not null check (step ~ '^[A-Z_]{1,40}$'),
    sent_by    uuid        not null references person (id) on delete cascade,
    sent_at    timestamptz not null,
    message_id uuid references direct_message (id) on delete set null,
    primary key (report_id, step)
);

-- retention deletes the lower-trust queue and rejection reasons by time, per network
create index message_report_retention on message_report (network_id, received_at);
