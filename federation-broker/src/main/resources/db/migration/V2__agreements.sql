-- Nodes publish their public keys (a JWKS) through the broker's signed directory.
alter table node add column public_keys text not null default '{"keys":[]}';
alter table node add column version bigint not null default 0;

-- Trust agreements between councils: drafted by an operator, active only once every party's
-- council admin approved, suspended at once by an operator or any party.
create table agreement (
    id              uuid          primary key,
    title           varchar(200)  not null,
    legal_basis     varchar(4000) not null,
    valid_from      date          not null,
    valid_until     date          not null,
    status          varchar(20)   not null check (status in ('DRAFT', 'ACTIVE', 'SUSPENDED')),
    drafted_by      varchar(200)  not null,
    drafted_at      timestamptz   not null,
    suspended_by    varchar(200),
    suspended_at    timestamptz,
    version         bigint        not null default 0,
    check (valid_until >= valid_from)
);

create table agreement_party (
    agreement_id    uuid         not null references agreement (id) on delete cascade,
    council_id      varchar(40)  not null references node (council_id),
    approved_by     varchar(200),
    approved_at     timestamptz,
    primary key (agreement_id, council_id)
);

create table agreement_purpose (
    agreement_id    uuid        not null references agreement (id) on delete cascade,
    purpose         varchar(60) not null,
    primary key (agreement_id, purpose)
);

create table agreement_service (
    agreement_id    uuid        not null references agreement (id) on delete cascade,
    service         varchar(40) not null,
    primary key (agreement_id, service)
);
