-- Federated queries this council's practitioners sent that a council admin must look at: every
-- safeguarding query (the exception needs review) and every query the broker throttled.
create table federated_query_review (
    id               uuid          primary key,
    query_id         varchar(64)   not null,
    practitioner_id  uuid          not null references practitioner (id),
    reason           varchar(20)   not null check (reason in ('SAFEGUARDING', 'THROTTLED')),
    purpose          varchar(60)   not null,
    asked_at         timestamptz   not null,
    outcome          varchar(20)   check (outcome in ('APPROPRIATE', 'INAPPROPRIATE')),
    note             varchar(1000),
    reviewed_by      varchar(200),
    reviewed_at      timestamptz,
    version          bigint        not null default 0,
    check ((outcome is null) = (reviewed_at is null))
);
create index federated_query_review_open on federated_query_review (asked_at) where reviewed_at is null;

-- Contact requests this council's practitioners sent to a restricted involvement at another
-- council. Which service it is stays unknown unless the gatekeeper shares it.
create table federated_contact_request (
    id               uuid          primary key,
    practitioner_id  uuid          not null references practitioner (id),
    target_council   varchar(40)   not null,
    handle           varchar(100)  not null,
    callback_route   varchar(300)  not null,
    requested_at     timestamptz   not null,
    delivered_at     timestamptz,
    outcome          varchar(20)   check (outcome in ('SHARE_CONTACT', 'WILL_CALL_BACK', 'DECLINE')),
    shared_service   varchar(200),
    shared_team      varchar(200),
    shared_contact   varchar(300),
    answered_at      timestamptz,
    version          bigint        not null default 0
);
create index federated_contact_request_practitioner on federated_contact_request (practitioner_id);

-- A contact request from another council has no local requester: who asks arrives sealed, and the
-- answer goes back through the broker (relayed_at is set once the broker took it).
alter table contact_request alter column requester_id drop not null;
alter table contact_request
    add column remote_council     varchar(40),
    add column remote_request_id  varchar(64) unique,
    add column remote_requester   varchar(400),
    add column reply_relayed_at   timestamptz,
    add check ((requester_id is null) = (remote_council is not null));
create index contact_request_awaiting_relay on contact_request (answered_at)
    where remote_council is not null and reply_relayed_at is null;

-- Involved practitioners hear when another council's practitioner found their involvement.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('JOINED', 'LEFT',
    'ATTENTION', 'CONTACT_REQUEST', 'CONTACT_ANSWERED', 'INVITED', 'FOUND_ELSEWHERE'));
-- An answer from another council's gatekeeper is about no client of this council.
alter table notification alter column client_id drop not null;
