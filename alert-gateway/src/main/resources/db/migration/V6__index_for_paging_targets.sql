-- A new report pages the network's dispatchers and coordinators. Without this index PostgreSQL read every person of
-- the network for each report (a regular expression on each row), so intake slowed down as networks grew; with it,
-- a report reads only the few people it pages. TreeStore.dispatchersAndCoordinators repeats this condition word for
-- word, which is what lets PostgreSQL use the index.
create index person_paging_targets on person (network_id, created_at, id)
    where roles ~ '(^|,)(DISPATCHER|COORDINATOR)(,|$)';
