-- Issue 14. Wrong passphrases no longer lock an account (anyone could lock the dispatchers out): failed_attempts
-- now counts right passphrases with a wrong code in a row, and locked_until is how long such an account is held.
-- A first administrator's passphrase must be replaced at the first sign-in.
alter table user_account add column must_change_passphrase boolean not null default false;

-- Audit actions grow with features (passphrase changes, holds, ...). The Java enum AuditAction is the list; the
-- column keeps only its shape, like direct_message.purpose.
alter table audit_entry drop constraint audit_entry_action_check;
alter table audit_entry add constraint audit_entry_action_shape check (action ~ '^[A-Z][A-Z_]{1,39}$');
