-- who asked for the last rebuild, and why
alter table read_model_state add column rebuild_requested_by varchar(200), add column rebuild_reason varchar(500);
