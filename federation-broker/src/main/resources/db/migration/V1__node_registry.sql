-- The councils whose nodes take part in the federation. Routing metadata only: no client data.
create table node (
    council_id      varchar(40)  primary key,
    name            varchar(200) not null,
    base_url        varchar(500) not null,
    status          varchar(20)  not null check (status in ('ACTIVE', 'SUSPENDED')),
    registered_at   timestamptz  not null default now()
);
