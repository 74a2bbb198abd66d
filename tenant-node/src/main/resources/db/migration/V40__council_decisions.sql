-- This council's own signed decisions on agreements (issue 11), kept here as well as sent to the
-- broker: they are the roots of what this node trusts (the fingerprints its approvals pinned), and
-- a suspension by this council applies here at once even if the broker drops it.
create table council_decision (
    id              uuid          primary key,
    agreement_id    varchar(100)  not null,
    terms_version   integer       not null,
    kind            varchar(10)   not null check (kind in ('APPROVE', 'DECLINE', 'SUSPEND')),
    statement       text          not null,
    decided_by      varchar(200)  not null,
    decided_at      timestamptz   not null
);
create index council_decision_agreement on council_decision (agreement_id, terms_version);
