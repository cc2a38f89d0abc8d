-- Issue 14 item 6: group names ("Room 12 families") are encrypted like people's names. name_ct holds the AES-GCM
-- ciphertext bound to the group's id (tree.TreeStore, crypto.EncryptedColumns). SQL cannot encrypt, so the names
-- already stored are moved into name_ct at the next start by tree.GroupNameEncryption, which then clears `name`;
-- until then a group is read from whichever column holds its name. New and edited groups never write `name`.
alter table contact_group add column name_ct bytea;
alter table contact_group alter column name drop not null;
alter table contact_group add constraint contact_group_has_a_name check (name is not null or name_ct is not null);
