-- The witness's countersignature of each checkpoint (a compact JWS signed by the broker), kept
-- beside the checkpoint. Insert-only like the chain itself (V31_4's trigger function).
create table audit_witness (
    seq              bigint       primary key,
    witness          varchar(64)  not null,
    countersignature text         not null,
    witnessed_at     timestamptz  not null
);

create trigger audit_witness_insert_only
    before update or delete or truncate on audit_witness
    for each statement execute function audit_insert_only();
