-- Platform tables every service with a database gets in its own schema (platform-commons).
-- Service migrations start at V1, so these always run first.

create table outbox_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    event_type   varchar(64) not null,
    domain       varchar(32) not null,
    aggregate_id varchar(128),
    envelope     text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- The relay scans unpublished rows in id order; keep that scan independent of table size.
create index outbox_event_unpublished on outbox_event (id) where published_at is null;

create table processed_event (
    consumer_group varchar(128) not null,
    event_id       uuid         not null,
    processed_at   timestamptz  not null default now(),
    primary key (consumer_group, event_id)
);

create index processed_event_age on processed_event (processed_at);
