-- Signed checkpoints of the audit chain. The signing key lives outside the database (a file named
-- by patchwork.audit.signing-key-file), so whoever can rewrite the chain here cannot re-sign it.
-- No foreign key to audit_record: a checkpoint must outlive the deletion of the record it covers.
create table audit_checkpoint (
    seq             bigint       primary key,
    hash            varchar(64)  not null,
    signature       varchar(200) not null,
    key_id          varchar(64)  not null,
    created_at      timestamptz  not null
);
