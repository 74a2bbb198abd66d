-- Search grades a given-name typo beside a twin as possible even when the query's keys did not find
-- the twin: it looks up everyone born on the candidate's day, which needs this index at 1M clients.
create index client_birth_date on client (birth_date);
