-- Appending to the audit chain no longer takes a council-wide lock held until commit (issue 16):
-- every audited request used to queue behind every other one on pg_advisory_xact_lock and one
-- fsync each. A record is now inserted with its content, a content hash and an entry number from
-- a sequence, and no chain link; one background linker (audit.control.AuditChain, under an advisory
-- lock that only linkers take) later gives committed records their chain position (seq), previous
-- hash and hash, and writes the checkpoints.
--
-- Why a separate link position rather than linking in entry order: an entry number is taken when
-- the record is appended, so a rolled-back transaction leaves a gap in entry numbers, and a
-- transaction that commits late shows its number after higher ones were already linked. Linking in
-- entry order would have to wait on every gap, never knowing whether it is a rollback (wait
-- forever) or a transaction still running (skip it, and the record would be lost to the chain).
-- The linker instead links whatever has committed and is unlinked, oldest entry first, and numbers
-- the chain itself: seq stays 1, 2, 3 ... without gaps, so a gap in seq still means deletion, and
-- a late commit is simply linked at the end of the chain when it becomes visible.
create sequence audit_entry_seq;

-- Existing records get entry numbers as the table is rewritten (a column default, not an UPDATE:
-- the chain's columns are not touched). Their order among themselves does not matter: they are
-- linked already.
alter table audit_record add column entry bigint not null default nextval('audit_entry_seq');
alter sequence audit_entry_seq owned by audit_record.entry;
alter table audit_record drop constraint audit_record_pkey;
alter table audit_record add primary key (entry);
alter table audit_record alter column seq drop not null;
alter table audit_record alter column previous_hash drop not null;
alter table audit_record alter column hash drop not null;
create unique index audit_record_seq on audit_record (seq);
-- SHA-256 of the record's content without its place in the chain (AuditRecord.contentHashOf),
-- written when it is appended; null for records appended before this migration.
alter table audit_record add column content_hash varchar(64);
-- Linked means all three link columns, or none.
alter table audit_record add constraint audit_record_linked_whole
    check ((seq is null) = (previous_hash is null) and (seq is null) = (hash is null));
-- What the linker reads: the unlinked records, oldest entry first.
create index audit_record_unlinked on audit_record (entry) where seq is null;

-- Still insert-only for content: the one UPDATE allowed links an unlinked record once, setting
-- seq, previous_hash and hash and nothing else. A linked record is never changed; DELETE and
-- TRUNCATE stay refused for the whole statement as before (V31_4).
drop trigger audit_record_insert_only on audit_record;

create trigger audit_record_insert_only
    before delete or truncate on audit_record
    for each statement execute function audit_insert_only();

create function audit_record_link_once() returns trigger
    language plpgsql as $$
begin
    if old.seq is null and old.previous_hash is null and old.hash is null
            and new.seq is not null and new.previous_hash is not null and new.hash is not null
            and new.entry = old.entry
            and new.recorded_at = old.recorded_at
            and new.actor = old.actor
            and new.action = old.action
            and new.subject_type is not distinct from old.subject_type
            and new.subject_id is not distinct from old.subject_id
            and new.purpose is not distinct from old.purpose
            and new.correlation_id is not distinct from old.correlation_id
            and new.content_hash is not distinct from old.content_hash then
        return new;
    end if;
    raise exception 'the audit log is insert-only: % on % is refused (a record is linked into the chain once and never changed)', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

-- Row-level: whether an update only links depends on the row.
create trigger audit_record_link_once
    before update on audit_record
    for each row execute function audit_record_link_once();
