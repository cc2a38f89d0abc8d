-- Issue 12: the "call started" mark (one update per delivery, just before its provider call) wrote a new entry in
-- every index of the outbox, because delivery_unknown_sms indexed call_started_at. Nothing reads that column
-- through the index (the settling query orders by coalesce(call_started_at, sent_at) over the few rows of the
-- partial predicate), so the same partial index on id serves it, and the mark changes no indexed column. With
-- room left on each page (fillfactor 70; new pages only), PostgreSQL can then write the mark in place (a HOT
-- update): no new index entries, and fewer dead ones for the claim and the reclaimer to walk past.
drop index if exists delivery_unknown_sms;
create index delivery_unknown_sms on delivery (id)
    where status = 'UNKNOWN' and channel = 'SMS' and outcome_checked_at is null;
alter table delivery set (fillfactor = 70);
