-- Issue 14 item 4: signed checkpoints of the audit chain's head, kept apart from audit_entry, so that rows deleted
-- from the end of the log (which the chain alone cannot notice) are found: the log must reach the last checkpoint.
-- The signature is an HMAC-SHA256 under the installation's keyed-hash key (wrapped by the master key, never stored
-- in clear), so whoever can edit the tables cannot write a checkpoint. audit.AuditCheckpoints writes them on a
-- schedule and with every administrator's change, and may copy each to a file the operator names.
create table audit_checkpoint (
    entry_seq  bigint primary key,          -- the head of the chain when it was taken
    entry_hash bytea       not null,        -- that entry's hash
    written_at timestamptz not null,
    reason     text        not null check (reason in ('SCHEDULE', 'ADMINISTRATOR_ACTION', 'REQUESTED')),
    signature  bytea       not null
);

create function audit_checkpoint_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_checkpoint is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_checkpoint_no_update before update on audit_checkpoint
    for each row execute function audit_checkpoint_is_append_only();
create trigger audit_checkpoint_no_delete before delete on audit_checkpoint
    for each row execute function audit_checkpoint_is_append_only();
