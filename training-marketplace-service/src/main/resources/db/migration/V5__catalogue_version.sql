-- The version of what catalogue search shows, shared by every instance of the service: an instance
-- that changed the catalogue moves it once its change has committed; the others read it every second
-- and drop the search pages they keep.
create table catalogue_version (
    id      int primary key check (id = 1),
    version bigint not null
);
insert into catalogue_version (id, version) values (1, 0);
