-- Every status change of a million applications maintained this index, and no query needs it:
-- the primary key serves wave_number lookups and wave_application_unannounced serves announcing.
drop index wave_application_pending;
