-- Issue 13: the operators' own audit. Every change an operator or the console makes at the broker
-- is one row, chained by hash (each row's hash covers the previous row's), so a row changed or
-- removed in the database breaks the chain where it happened. Metadata only: who, what, on which
-- council or agreement; never client data.
create table operator_action (
    seq           bigint        primary key,
    acted_at      timestamptz   not null,
    actor         varchar(200)  not null,
    action        varchar(200)  not null,
    subject       varchar(200),
    http_status   integer       not null,
    previous_hash varchar(64)   not null,
    hash          varchar(64)   not null
);

-- Insert-only, whatever sends the statement (the broker connects as the table's owner, so grants
-- could not do this; a superuser can still drop the trigger, and the chain shows what changed).
create function operator_action_insert_only() returns trigger language plpgsql as $$
begin
    raise exception 'operator_action is insert-only' using errcode = '42501';
end;
$$;
create trigger operator_action_insert_only
    before update or delete or truncate on operator_action
    for each statement execute function operator_action_insert_only();

-- Every council-signed key set the broker accepted for a node, so the console can show a council's
-- key history (the node row keeps only the latest).
create table node_key_history (
    council_id   varchar(40)   not null references node (council_id),
    accepted_at  timestamptz   not null,
    fingerprint  varchar(100)  not null,
    key_set      text          not null
);
create index node_key_history_council on node_key_history (council_id, accepted_at);
