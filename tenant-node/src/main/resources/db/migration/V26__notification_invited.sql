-- "Invite a colleague" (the client page): a member of a client's team asks a colleague at the
-- council to join it; the colleague learns it as a notification.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('JOINED', 'LEFT', 'ATTENTION', 'CONTACT_REQUEST', 'CONTACT_ANSWERED', 'INVITED'));
