-- Issue 17 item 2: the dispatcher's free text per language, and what readers of a language without one get instead.
-- free_texts_ct: one encrypted JSON document {language: text} (a person's words, encrypted like instructions_ct;
-- retention clears it with them). language_choices: {language: "none" | "text:<language>"}, only language tags,
-- no personal data, so plain. Alerts composed before (and follow-ups) keep their single instructions_ct.
alter table alert add column free_texts_ct bytea;
alter table alert add column language_choices jsonb;
