-- Accepted VES events (FCAPS event store, schema "observability").
--
-- fcaps_event is partitioned by day of receipt: retention (7 days by default) drops whole partitions,
-- which costs nothing, instead of deleting millions of rows. The collector creates the partitions ahead
-- of time and drops expired ones (FcapsPartitions). Queries filter on received_at, so they only touch
-- the partitions of the asked period.
create table fcaps_event (
    id             bigint generated always as identity,
    received_at    timestamptz  not null,
    source_name    varchar(256) not null,
    event_id       varchar(256) not null,
    domain         varchar(32)  not null,
    event_name     varchar(512) not null,
    priority       varchar(8)   not null,
    severity       varchar(16),
    start_epoch_us bigint       not null,
    event          jsonb        not null,
    primary key (id, received_at)
) partition by range (received_at);

-- The filters of GET /api/v1/fcaps/events, each with the newest-first order of the list.
create index fcaps_event_received on fcaps_event (received_at desc, id desc);
create index fcaps_event_source on fcaps_event (source_name, received_at desc, id desc);
create index fcaps_event_domain on fcaps_event (domain, received_at desc, id desc);
create index fcaps_event_severity on fcaps_event (severity, received_at desc, id desc) where severity is not null;

-- Idempotency by (sourceName, eventId): a unique key on the partitioned table would have to include the
-- day, so a sender re-sending yesterday's event would store it twice. The keys live here instead, and
-- are forgotten with the retention of the events.
create table fcaps_event_key (
    source_name varchar(256) not null,
    event_id    varchar(256) not null,
    received_at timestamptz  not null,
    primary key (source_name, event_id)
);
create index fcaps_event_key_received on fcaps_event_key (received_at);

-- Heartbeat supervision: one row per source that ever sent a heartbeat. lost_since is set (once, by
-- whichever replica gets there first) when 3 intervals pass without one.
create table ves_heartbeat (
    source_name   varchar(256) primary key,
    interval_s    integer      not null,
    last_seen     timestamptz  not null,
    lost_since    timestamptz,
    constraint ves_heartbeat_interval_check check (interval_s > 0)
);
create index ves_heartbeat_watch on ves_heartbeat (last_seen) where lost_since is null;
