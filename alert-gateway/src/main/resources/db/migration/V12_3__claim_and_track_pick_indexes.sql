-- Issue 12: the two statements that took most of PostgreSQL's CPU in the fan-out benchmark read their rows in an
-- order no index gave. A channel's claim takes QUEUED rows of that channel by (priority, due_at, id); the old index
-- had no channel, so the SMS claim walked past every queued Signal row (and the reverse). The tracker picks due
-- tracks by (priority, next_check_at, id); the old index had only next_check_at, so each pick sorted every due track.
create index delivery_claim on delivery (channel, priority, due_at, id) where status = 'QUEUED';
drop index delivery_due;
create index recipient_track_pick on recipient_track (priority, next_check_at, id)
    where next_check_at is not null and not standby;
