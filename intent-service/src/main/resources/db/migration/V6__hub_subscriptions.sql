-- TMF921 hub: listeners registered through POST /hub, and the notifications owed to them. A delivery row is
-- written in the same transaction as the intent change it reports (like the platform outbox), so a
-- notification is never lost across a restart; the relay removes it once the listener answered 2xx.
create table hub_subscription (
    id          uuid          primary key,
    callback    varchar(2048) not null,
    query       varchar(1024),
    -- parsed from query: null = every event type / every intent
    event_types text[],
    intent_id   uuid,
    -- which TMF921 view registered it (V4 or V5): notifications carry the intent in that view's shape
    dialect     varchar(2)    not null,
    created_by  varchar(128),
    created_at  timestamptz   not null default now(),
    constraint hub_subscription_dialect_check check (dialect in ('V4', 'V5'))
);

-- seq orders the notifications of one intent for one subscription: the relay sends only the oldest pending
-- row of each (subscription, intent), so a later event is never delivered before an earlier one
create table hub_delivery (
    seq             bigserial     primary key,
    subscription_id uuid          not null references hub_subscription (id) on delete cascade,
    intent_id       uuid          not null,
    event_id        uuid          not null,
    event_type      varchar(64)   not null,
    body            jsonb         not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_error      varchar(512),
    created_at      timestamptz   not null default now()
);

create index hub_delivery_due on hub_delivery (next_attempt_at, seq);
create index hub_delivery_stream on hub_delivery (subscription_id, intent_id, seq);
