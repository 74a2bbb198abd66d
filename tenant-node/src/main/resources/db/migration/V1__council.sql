-- The node's own identity: exactly one council per database.
create table council (
    id          varchar(40)  primary key,
    name        varchar(200) not null,
    created_at  timestamptz  not null default now()
);
