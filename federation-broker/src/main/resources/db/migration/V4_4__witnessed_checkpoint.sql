-- The audit witness: each council's signed audit checkpoints (sequence and hash), kept outside
-- that council's database, so that a node whose log was cut or rewritten there is caught. Hashes
-- of audit records only: no client data.
create table witnessed_checkpoint (
    council      varchar(64)  not null,
    seq          bigint       not null,
    hash         varchar(64)  not null,
    witnessed_at timestamptz  not null,
    primary key (council, seq)
);
