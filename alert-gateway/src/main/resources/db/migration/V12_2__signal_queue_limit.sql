-- Issue 12: how long a person may wait in the (paced) Signal queue before they get an SMS instead. Their queued
-- Signal message is then withdrawn (status CANCELLED, failure_reason SIGNAL_QUEUE_TOO_LONG): one channel each.
alter table network add column signal_queue_limit_seconds integer not null default 120
    check (signal_queue_limit_seconds between 1 and 86400);
