BEGIN;
SELECT pg_advisory_xact_lock(1);
SELECT coalesce(max(seq), 0) AS s, coalesce((SELECT hash FROM audit_record WHERE seq = (SELECT max(seq) FROM audit_record)), 'genesis') AS h FROM audit_record WHERE seq IS NOT NULL \gset
INSERT INTO audit_record (seq, recorded_at, actor, action, subject_type, purpose, previous_hash, hash) VALUES (:s + 1, now(), 'bench', 'SEARCH', 'client', 'local search', ':h', encode(sha256(convert_to(':h' || (:s + 1)::text, 'UTF8')), 'hex'));
END;
