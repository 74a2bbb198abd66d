-- Protocol patchwork-federation/4 (issue 15) changed the match key kinds: NAME_TYPO_BIRTH_DATE is
-- gone, replaced by the deletion-neighbourhood kinds GIVEN_TYPO_BIRTH_DATE,
-- GIVEN_TYPO_SIMILAR_NAMES_BIRTH_DATE, FAMILY_TYPO_BIRTH_DATE and NAME_TYPO_BIRTH_YEAR. Drop the old
-- kind's rows (a search must never grade on a kind this version does not know) and forget which key
-- the index was built with, so that ClientIndexRebuild re-derives every client's keys at the next
-- start; /health/ready reports client-index DOWN until it has.
delete from client_match_key where kind = 'NAME_TYPO_BIRTH_DATE';
update council set match_key_id = null;
