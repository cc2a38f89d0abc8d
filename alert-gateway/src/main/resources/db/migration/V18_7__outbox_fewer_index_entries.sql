-- Fewer index entries per outbox write. Claiming a delivery and writing its outcome each change its status, which
-- partial indexes name, so neither is written in place: each adds an entry to every index whose predicate the new
-- row version meets. Two of those entries bought nothing:
--
-- * delivery_alert (alert_id) repeats the first column of delivery_once_per_alert (alert_id, person_id, channel,
--   where alert_id is not null), which serves every lookup by alert (an equality or an "in" implies not null; the
--   generic plans of the all-clear, the report and the retention queries use it, EXPLAIN on PostgreSQL 15 and 17).
-- * delivery_provider_ref (channel, provider_ref) took an entry for every queued, claimed and failed row, whose
--   provider reference is null. Every lookup by reference is an equality, so the index keeps only rows that have one.
--   The one query that looked for Signal rows without a reference (a receipt for a send whose outcome was unknown)
--   gets its own index, which holds only such rows: none while nothing has gone wrong.
drop index delivery_alert;
drop index delivery_provider_ref;
create index delivery_provider_ref on delivery (channel, provider_ref) where provider_ref is not null;
create index delivery_unknown_signal on delivery (person_id)
    where status = 'UNKNOWN' and channel = 'SIGNAL' and provider_ref is null;
