-- Issue 16: saved column mappings for imports, and one name per school in a network.

-- A column mapping an administrator saved: header names (lower case, letters and digits only) and the field each
-- becomes, one "header=FIELD" per line. Never a cell of a file.
create table import_preset (
    id         uuid primary key,
    network_id uuid        not null references network (id) on delete cascade,
    name       text        not null check (length(name) between 1 and 60),
    mapping    text        not null,
    saved_at   timestamptz not null,
    unique (network_id, name)
);

-- Two schools of the same name in one network cannot be told apart in an alert or an import. Names that collide
-- already (case and spaces aside) get a number, so the index can be made; administrators rename them as they like.
with numbered as (
    select id, row_number() over (partition by network_id, lower(btrim(name)) order by created_at, id) as n
      from site
)
update site s set name = left(s.name, 110) || ' (' || numbered.n || ')', version = s.version + 1
  from numbered
 where numbered.id = s.id and numbered.n > 1;

create unique index site_name_unique on site (network_id, lower(btrim(name)));
