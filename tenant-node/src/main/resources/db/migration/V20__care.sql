-- Working around a client's team: handles for restricted involvements, break-glass and its review,
-- notifications and contact requests to gatekeepers.

-- An opaque, unguessable name for an involvement that can be shown (and later sent across
-- councils) instead of its id. gen_random_uuid() draws from a strong random source.
alter table involvement add column handle varchar(64);
update involvement
   set handle = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
 where handle is null;
alter table involvement alter column handle set not null;
alter table involvement add constraint involvement_handle_unique unique (handle);

-- A break-glass reason may be up to 500 characters and is the audit record's purpose.
alter table audit_record alter column purpose type varchar(500);

create table break_glass (
    id              uuid         primary key,
    client_id       uuid         not null references client (id) on delete cascade,
    practitioner_id uuid         not null references practitioner (id),
    reason          varchar(500) not null,
    used_at         timestamptz  not null
);
create index break_glass_client_practitioner on break_glass (client_id, practitioner_id, used_at);

create table review_task (
    id              uuid         primary key,
    break_glass_id  uuid         not null unique references break_glass (id) on delete cascade,
    created_at      timestamptz  not null,
    outcome         varchar(20)  check (outcome in ('APPROPRIATE', 'INAPPROPRIATE')),
    note            varchar(500),
    reviewed_by     varchar(100),
    reviewed_at     timestamptz,
    version         bigint       not null default 0,
    check ((outcome is null) = (reviewed_at is null))
);

create table notification (
    id              uuid         primary key,
    recipient_id    uuid         not null references practitioner (id) on delete cascade,
    kind            varchar(30)  not null check (kind in ('JOINED', 'LEFT', 'ATTENTION',
                        'CONTACT_REQUEST', 'CONTACT_ANSWERED')),
    client_id       uuid         references client (id) on delete cascade,
    subject_id      uuid,
    message         varchar(500) not null,
    created_at      timestamptz  not null,
    read_at         timestamptz
);
create index notification_recipient on notification (recipient_id, created_at);

create table contact_request (
    id              uuid         primary key,
    involvement_id  uuid         not null references involvement (id) on delete cascade,
    requester_id    uuid         not null references practitioner (id),
    callback_route  varchar(300) not null,
    requested_at    timestamptz  not null,
    outcome         varchar(20)  check (outcome in ('SHARE_CONTACT', 'WILL_CALL_BACK', 'DECLINE')),
    shared_contact  varchar(300),
    answered_by     uuid         references practitioner (id),
    answered_at     timestamptz,
    version         bigint       not null default 0,
    check ((outcome is null) = (answered_at is null)),
    check (shared_contact is null or outcome = 'SHARE_CONTACT')
);
create index contact_request_involvement on contact_request (involvement_id);
create index contact_request_requester on contact_request (requester_id);
