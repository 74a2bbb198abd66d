BEGIN;
SELECT pg_advisory_xact_lock(2);
WITH last AS (SELECT coalesce(max(seq), 0) AS m FROM audit_record), pending AS (SELECT entry, row_number() OVER (ORDER BY entry) AS rn FROM (SELECT entry FROM audit_record WHERE seq IS NULL ORDER BY entry LIMIT 500) u) UPDATE audit_record a SET seq = last.m + p.rn, previous_hash = 'p', hash = encode(sha256(convert_to(a.entry::text, 'UTF8')), 'hex') FROM pending p, last WHERE a.entry = p.entry;
END;
