-- The council's own data: teams, practitioners, clients, the client's team ("the patch"),
-- consent, and the tamper-evident audit log. No case notes and no free text about clients.

create table team (
    id              uuid         primary key,
    name            varchar(200) not null unique,
    service         varchar(40)  not null check (service in ('YOUTH_SERVICES', 'MATERNAL_CHILD_HEALTH',
                        'POLICE', 'SCHOOL', 'HEALTH', 'CHARITY', 'OTHER')),
    contact_route   varchar(300),
    sensitivity     varchar(20)  not null check (sensitivity in ('STANDARD', 'RESTRICTED')),
    created_at      timestamptz  not null,
    version         bigint       not null default 0
);

create table practitioner (
    id                  uuid         primary key,
    keycloak_subject    varchar(64)  unique,
    email               varchar(254) not null unique,
    given_name          varchar(100),
    family_name         varchar(100),
    job_role            varchar(100),
    team_id             uuid         references team (id),
    phone               varchar(40),
    direct_contact      boolean      not null default false,
    status              varchar(20)  not null check (status in ('PENDING', 'APPROVED', 'SUSPENDED')),
    status_changed_by   varchar(100),
    status_changed_at   timestamptz,
    created_at          timestamptz  not null,
    version             bigint       not null default 0
);

create table team_gatekeeper (
    team_id         uuid not null references team (id) on delete cascade,
    practitioner_id uuid not null references practitioner (id) on delete cascade,
    primary key (team_id, practitioner_id)
);

create table client (
    id              uuid         primary key,
    council_ref     varchar(64)  unique,
    given_names     varchar(300) not null,
    family_name     varchar(100) not null,
    birth_date      date,
    birth_year      integer      not null,
    address         varchar(300),
    suburb          varchar(100),
    postcode        varchar(4),
    created_at      timestamptz  not null,
    version         bigint       not null default 0
);

create table client_other_name (
    client_id   uuid         not null references client (id) on delete cascade,
    name        varchar(200) not null
);
create index client_other_name_client on client_other_name (client_id);

-- Search index: one row per match key of a client; key_hash is SHA-256 of kind:value.
create table client_match_key (
    client_id   uuid        not null references client (id) on delete cascade,
    kind        varchar(40) not null,
    key_hash    bytea       not null
);
create index client_match_key_hash on client_match_key (key_hash);
create index client_match_key_client on client_match_key (client_id);

create table involvement (
    id                  uuid         primary key,
    client_id           uuid         not null references client (id) on delete cascade,
    team_id             uuid         not null references team (id),
    practitioner_id     uuid         references practitioner (id),
    role                varchar(100) not null,
    started_on          date         not null,
    ended_on            date,
    end_reason          varchar(40),
    sensitivity         varchar(20)  not null check (sensitivity in ('STANDARD', 'RESTRICTED')),
    last_activity_at    timestamptz  not null,
    version             bigint       not null default 0,
    check ((ended_on is null) = (end_reason is null))
);
create index involvement_client on involvement (client_id);
create index involvement_practitioner on involvement (practitioner_id);

create table consent (
    client_id       uuid         primary key references client (id) on delete cascade,
    state           varchar(20)  not null check (state in ('GIVEN', 'NOT_ASKED', 'REFUSED', 'WITHDRAWN')),
    method          varchar(20)  not null check (method in ('VERBAL', 'WRITTEN', 'IMPORTED', 'NOT_RECORDED')),
    recorded_by     varchar(100) not null,
    recorded_at     timestamptz  not null,
    version         bigint       not null default 0
);

-- Append-only: each record's hash covers its content and the previous record's hash.
create table audit_record (
    seq             bigint       primary key,
    recorded_at     timestamptz  not null,
    actor           varchar(100) not null,
    action          varchar(40)  not null,
    subject_type    varchar(40),
    subject_id      varchar(64),
    purpose         varchar(300),
    correlation_id  varchar(64),
    previous_hash   varchar(64)  not null,
    hash            varchar(64)  not null
);
create index audit_record_subject on audit_record (subject_type, subject_id);
