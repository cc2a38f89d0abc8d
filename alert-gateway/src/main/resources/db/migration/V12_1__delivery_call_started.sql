-- Issue 12: a delivery is "outcome unknown" only if its provider call may have started. The sending node writes
-- call_started_at (and commits it) just before it calls the provider; a reclaimer sends every row without it again,
-- normally. outcome_checked_at: when the provider was asked whether an ambiguous SMS went out (Twilio's list).
alter table delivery add column call_started_at timestamptz;
alter table delivery add column outcome_checked_at timestamptz;
create index delivery_unknown_sms on delivery (call_started_at)
    where status = 'UNKNOWN' and channel = 'SMS' and outcome_checked_at is null;
