-- Issue 17 item 5: a language is data. What a network writes for one of its languages besides the alert templates
-- (which stay in network_message_template): its reply keywords, its drill marker and its check-page texts. Keys:
--   keyword.ACKNOWLEDGE, keyword.HELP, keyword.STOP, keyword.VERIFY, keyword.JOIN  (words, comma-separated)
--   drill_marker, check.genuine, check.unknown, check.heading
-- No personal data: these describe the network's own wording.
create table network_language_text (
    network_id uuid        not null references network (id) on delete cascade,
    language   text        not null check (language ~ '^[a-z]{2,3}(-[a-z0-9]{2,8})*$'),
    key        text        not null check (key ~ '^[a-z_.A-Z]{3,40}$'),
    text       text        not null check (length(text) between 1 and 400),
    changed_at timestamptz not null,
    changed_by text        not null,
    primary key (network_id, language, key)
);
