-- Council-held trust (issue 11): the broker stores the councils' signed statements as opaque text
-- and publishes them; nodes verify them against the council keys their own approvals pinned.

-- A node's key set as its council key signed it, and the fingerprint of the council key that signed
-- the first one (later sets must be signed by the same key): an outsider cannot replace a council's
-- key set at the broker.
alter table node add column key_set text;
alter table node add column council_fingerprint varchar(100);

-- The version of the terms the councils sign; a renewal is a new version approved again.
alter table agreement add column terms_version integer not null default 1;
-- Whether the safeguarding exception applies under this agreement: part of the signed terms.
alter table agreement add column safeguarding_allowed boolean not null default true;

-- Each party's signed decisions (approve, decline, suspend), compact JWS as the council sent them.
create table agreement_decision (
    agreement_id    uuid         not null references agreement (id) on delete cascade,
    statement       text         not null
);
create index agreement_decision_agreement on agreement_decision (agreement_id);

-- The directory's sequence number: raised whenever what it publishes changes, so a node can refuse
-- an older directory the broker (or anyone replaying its answers) sends again.
create table directory_state (
    id              integer      primary key check (id = 1),
    sequence        bigint       not null,
    content_hash    varchar(100) not null
);
insert into directory_state (id, sequence, content_hash) values (1, 1, '');
