-- Issue 15: how a report was verified (what was seen, how, by whom). What was seen and who saw it are a person's
-- words: encrypted like report text (FieldCipher, row id = the note id, listed in EncryptedColumns). A note goes
-- with its report at retention (RetentionJob deletes the notes first and counts them; the cascade is a backstop).
create table verification_note (
    id         uuid primary key,
    network_id uuid        not null references network (id),
    report_id  uuid        not null references report (id) on delete cascade,
    author     text        not null,   -- the audit actor ("user:<id>"), never a name
    method     text        not null check (method ~ '^[A-Z][A-Z_]{1,39}$'),
    seen_ct    bytea       not null,
    by_whom_ct bytea       not null,
    created_at timestamptz not null
);
create index verification_note_by_report on verification_note (report_id, created_at);
