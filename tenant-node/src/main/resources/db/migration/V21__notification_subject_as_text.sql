-- EclipseLink's UUID converter cannot read a null uuid into a basic attribute, and a
-- notification's subject is often absent; every notification is about a client.
alter table notification alter column subject_id type varchar(36);
alter table notification alter column client_id set not null;
