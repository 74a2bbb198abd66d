-- Which federation matching key the client_match_key hashes were made with. Null: an index from
-- before keyed hashes (plain SHA-256). At start the node compares this with its configured key and
-- rebuilds the whole index when they differ (clients.control.ClientIndexRebuild): that is also how
-- the matching key is rotated. Until then, searches here and federated queries would find nobody.
alter table council add column match_key_id varchar(64);
