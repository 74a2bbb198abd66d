-- The audit chain and its checkpoints are insert-only for the node: any statement that updates,
-- deletes or truncates them fails, whatever code or injected SQL sends it. Nothing in the node
-- changes an audit row (an erasure deletes the client and appends a tombstone record), so nothing
-- legitimate is refused. A trigger rather than grants: the node connects as the owner of its
-- database (it runs the migrations), and an owner keeps every privilege it could revoke. The owner
-- can still drop or disable the trigger; a tail cut that way is caught by the checkpoints the
-- broker witnesses outside this database.
create function audit_insert_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'the audit log is insert-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

-- Statement-level, so that even a statement touching no row fails loudly.
create trigger audit_record_insert_only
    before update or delete or truncate on audit_record
    for each statement execute function audit_insert_only();

create trigger audit_checkpoint_insert_only
    before update or delete or truncate on audit_checkpoint
    for each statement execute function audit_insert_only();
