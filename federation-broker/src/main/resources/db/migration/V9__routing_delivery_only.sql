-- Wire version 3: the broker records only what became of each delivery, never what a council
-- answered. Rows written before kept whether the council knew the person (MATCH, NO_MATCH) beside
-- the practitioner's pseudonym and purpose; they become what the broker may know: that it answered.
-- DENIED rows stay: they said only that no agreement allowed the question, nothing about a client.
-- (Numbered 9 so that other branches' broker migrations can take 4 to 8.)
update routing_node_call set status = 'ANSWERED' where status in ('MATCH', 'NO_MATCH');
