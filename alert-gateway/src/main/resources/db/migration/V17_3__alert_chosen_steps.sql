-- Issue 17: the safety-plan steps a dispatcher picked for an alert, resolved in every language of the network when
-- the alert is composed (so an alert awaiting its second approval goes out with the steps its approvers saw, even if
-- the site's profile changes meanwhile). One encrypted JSON document {language: {full, short}}; retention clears it
-- with the instructions.
alter table alert add column steps_ct bytea;
