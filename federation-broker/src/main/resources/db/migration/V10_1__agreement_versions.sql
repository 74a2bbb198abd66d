-- Renewal is a new version approved again (issue 11): the agreement row keeps the version the
-- broker routes under; a newer version waits here, as the canonical terms the councils sign, until
-- every party's council-signed approval of it arrived. Both are published meanwhile.
alter table agreement add column pending_terms text;
alter table agreement add column pending_drafted_by varchar(200);
alter table agreement add column pending_drafted_at timestamptz;

-- An operator retires an agreement: routing under it stops for good (the broker may always stop
-- traffic, never start it).
alter table agreement add column retired_by varchar(200);
alter table agreement add column retired_at timestamptz;
alter table agreement drop constraint agreement_status_check;
alter table agreement add constraint agreement_status_check
    check (status in ('DRAFT', 'ACTIVE', 'SUSPENDED', 'RETIRED'));
