-- O2 IMS subscriptions and their notification deliveries. A delivery row is written in the same
-- transaction as the cluster change it reports, and removed only once the callback accepted it, so a
-- notification survives crashes and restarts; failures are retried with exponential backoff.

create table o2ims_subscription (
    id                       uuid          primary key,
    callback                 varchar(2048) not null,
    consumer_subscription_id varchar(256),
    filter                   varchar(1024),
    created_at               timestamptz   not null default now()
);

create table o2ims_delivery (
    id              bigserial     primary key,
    subscription_id uuid          not null references o2ims_subscription (id) on delete cascade,
    payload         text          not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_error      varchar(512),
    failed_at       timestamptz,
    created_at      timestamptz   not null default now()
);

-- The relay scans due, not abandoned deliveries in time order.
create index o2ims_delivery_due_idx on o2ims_delivery (next_attempt_at, id) where failed_at is null;
create index o2ims_delivery_subscription_idx on o2ims_delivery (subscription_id);
