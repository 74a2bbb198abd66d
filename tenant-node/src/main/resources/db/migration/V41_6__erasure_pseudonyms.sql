-- Erasure leaves nothing that identifies the person (issue 12): audit records about a client name
-- them by a random pseudonym, never by their id. The link between the two lives only here, beside
-- the client, and goes with them on erasure (on delete cascade): the chain, whose hashes cover the
-- pseudonym, still verifies, and no longer says whom those records were about. Records written
-- before this migration keep the client's id (audit rows are never rewritten).
create table audit_subject (
    client_id  uuid        primary key references client (id) on delete cascade,
    pseudonym  varchar(40) not null unique
);

-- Every client has one from the start, however they were created (one by one, or by COPY in a
-- caseload import): the audit never has to create one under the chain's lock, where two first
-- records about the same client could wait on each other. gen_random_uuid: 122 strongly random
-- bits, nothing derived from the client.
insert into audit_subject (client_id, pseudonym)
    select id, 's-' || replace(gen_random_uuid()::text, '-', '') from client;

create function audit_subject_for_new_clients() returns trigger
    language plpgsql as $$
begin
    insert into audit_subject (client_id, pseudonym)
        select id, 's-' || replace(gen_random_uuid()::text, '-', '') from added;
    return null;
end;
$$;

-- Statement-level with a transition table: one set-based insert per COPY chunk of an import.
create trigger client_audit_subject
    after insert on client
    referencing new table as added
    for each statement execute function audit_subject_for_new_clients();

-- The identity our practitioner asked about under safeguarding, as the keyed hash of its exact
-- match key (as client_match_key.key_hash holds it), so that erasing a client who is certainly
-- that person also erases the words of the review (rights.control.Erasure, observed by
-- federation.control.ReviewErasure); the review itself stays for the council admin.
alter table federated_query_review add column asked_about_key bytea;
create index federated_query_review_asked_about_key on federated_query_review (asked_about_key)
    where asked_about_key is not null;
