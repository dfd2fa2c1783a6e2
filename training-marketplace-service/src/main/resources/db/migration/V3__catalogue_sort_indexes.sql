-- Each sort of the catalogue reads its first page from an index instead of sorting every approved training.
alter table training add column average_rating numeric generated always as
    (case when rating_count > 0 then rating_sum::numeric / rating_count end) stored;
drop index training_active_price;
create index training_active_rating on training (average_rating desc nulls last, rating_count desc, id) where status = 'ACTIVE';
create index training_active_price_asc on training (price, id) where status = 'ACTIVE';
create index training_active_price_desc on training (price desc, id) where status = 'ACTIVE';
create index training_active_reviews on training (review_count desc, id) where status = 'ACTIVE';
create index training_active_newest on training (published_at desc, id) where status = 'ACTIVE';
