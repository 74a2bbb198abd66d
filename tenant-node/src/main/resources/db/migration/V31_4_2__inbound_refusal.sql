-- Envelopes refused before their sender was proven (no valid signature, an unknown key, junk).
-- Kept apart from the audit chain, which anyone could otherwise grow, and lock, with junk posts.
-- Bounded: each insert trims the oldest rows beyond InboundRefusals.BOUND. suppressed_before
-- counts the refusals the rate limit kept out of the table just before this row, so the sum of
-- (1 + suppressed_before) over the rows kept is how many refusals they span.
create table inbound_refusal (
    id                bigserial    primary key,
    refused_at        timestamptz  not null,
    kind              varchar(40)  not null,
    claimed_sender    varchar(100),
    reason            varchar(300) not null,
    suppressed_before bigint       not null default 0
);
