-- The broker's metadata-only audit of what it routed or refused. Never tokens, sealed payloads,
-- names or dates of birth: ids, councils, the practitioner's pseudonym, purpose, basis, timings.
create table routing_record (
    id                uuid         primary key,
    kind              varchar(20)  not null
                      check (kind in ('QUERY', 'CONTACT_REQUEST', 'CONTACT_REPLY')),
    envelope_id       varchar(100),
    correlation_id    varchar(100),
    requester_council varchar(40),
    requester_ref     varchar(100),
    target_council    varchar(40),
    purpose           varchar(60),
    legal_basis       varchar(20),
    received_at       timestamptz  not null,
    outcome           varchar(20)  not null
                      check (outcome in ('ANSWERED', 'REFUSED', 'THROTTLED', 'RELAYED', 'FAILED')),
    reason            varchar(60),
    http_status       integer      not null,
    partial_answer    boolean,
    elapsed_ms        bigint       not null
);

create index routing_record_received on routing_record (received_at);
create index routing_record_practitioner
    on routing_record (requester_council, requester_ref, received_at);

-- One row per council a query listed: what it answered (or why it was not asked) and how long.
create table routing_node_call (
    record_id  uuid        not null references routing_record (id) on delete cascade,
    council_id varchar(40) not null,
    status     varchar(20) not null,
    elapsed_ms bigint      not null,
    primary key (record_id, council_id)
);

-- Envelope ids admitted while they are valid, shared by every broker instance: a replay sent to
-- another instance is refused too.
create table admitted_envelope (
    kind        varchar(20)  not null,
    envelope_id varchar(100) not null,
    expires_at  timestamptz  not null,
    primary key (kind, envelope_id)
);

create index admitted_envelope_expiry on admitted_envelope (expires_at);
