-- Reviews of federated queries say who the query was about, from this council's own records:
-- the asking council keeps the identity as its practitioner asked it (and the client, when the
-- question named one of its own); the answering council gets a review of its own for each of its
-- clients it disclosed under the safeguarding exception, naming the client and the requester.
alter table federated_query_review alter column practitioner_id drop not null;
alter table federated_query_review add column client_id uuid references client (id) on delete cascade;
alter table federated_query_review add column asked_about varchar(1000);
alter table federated_query_review add column requester_council varchar(40);
alter table federated_query_review add column requester_ref varchar(100);
alter table federated_query_review drop constraint federated_query_review_reason_check;
alter table federated_query_review add constraint federated_query_review_reason_check
    check (reason in ('SAFEGUARDING', 'THROTTLED', 'DISCLOSED'));
-- Our own practitioner asked, or another council did and one of our clients was disclosed.
alter table federated_query_review add constraint federated_query_review_asker check (
    (practitioner_id is not null and requester_council is null)
    or (practitioner_id is null and requester_council is not null and client_id is not null));
create index federated_query_review_client on federated_query_review (client_id) where client_id is not null;
