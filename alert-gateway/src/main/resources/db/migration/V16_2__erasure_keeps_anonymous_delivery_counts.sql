-- Issue 16: removing a person erases them but keeps what was sent as anonymous counts. Their recipient tracks and
-- deliveries then name a random id that belongs to nobody (see retention.Erasure), so the foreign key that deleted
-- the tracks (and with them the deliveries) together with the person goes.
alter table recipient_track drop constraint recipient_track_person_id_fkey;
