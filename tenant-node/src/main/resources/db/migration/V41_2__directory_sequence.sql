-- The highest federation directory sequence this node accepted (issue 11, rollback protection):
-- kept in the database so that a restarted node still refuses an older bundle the broker (or
-- someone in its place) replays. One row; only ever raised.
create table directory_sequence (
    id          smallint     primary key check (id = 1),
    highest     bigint       not null,
    raised_at   timestamptz  not null
);
