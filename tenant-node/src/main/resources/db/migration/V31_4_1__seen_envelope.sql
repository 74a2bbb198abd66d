-- Envelope ids this council admitted, until they expire: a replay is refused after a restart and
-- by every replica of the node, not only by the process that saw the envelope first.
create table seen_envelope (
    envelope_id varchar(120) primary key,
    expires_at  timestamptz  not null
);

create index seen_envelope_expiry on seen_envelope (expires_at);
