-- Issue 17: each site's profile (safety-plan steps, pick-up plan, mutual-aid resources, know-your-rights notes, in
-- every language of the network), kept as a history like the templates: each save adds a row and nothing is
-- updated; the profile in force is the latest row. The whole profile is one encrypted document: mutual-aid
-- resources hold names and phone numbers of people who help, which are contact details.
create table site_profile_revision (
    id         uuid        primary key,
    network_id uuid        not null references network (id),
    site_id    uuid        not null references site (id) on delete cascade,
    body_ct    bytea       not null,
    changed_at timestamptz not null,
    changed_by text        not null   -- "user:<id>", as in the audit log
);
create index site_profile_revision_in_force on site_profile_revision (site_id, changed_at desc);
