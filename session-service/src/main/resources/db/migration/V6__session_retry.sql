-- A follow-up session for the hosts a session missed, linked both ways. A purged session leaves its
-- partner's link empty rather than blocking the purge. (V6: numbers 4 and 5 are left to changes
-- being made in parallel; Flyway applies versions in order and allows gaps.)
alter table multicast_session
    add column retry_of uuid references multicast_session (id) on delete set null,
    add column retried_by uuid references multicast_session (id) on delete set null;
create unique index multicast_session_retry_of on multicast_session (retry_of) where retry_of is not null;
