-- Every state change of an alert (FIRING, then RESOLVED, possibly firing again): the alert table holds the
-- latest state, this one the story. Rows are only ever inserted.

create table alert_history (
    id            bigserial     primary key,
    alert_id      uuid          not null references alert (id) on delete cascade,
    fingerprint   varchar(64)   not null,
    cluster_id    uuid,
    cluster_name  varchar(128),
    alertname     varchar(256)  not null,
    severity      varchar(16)   not null,
    state         varchar(16)   not null,
    starts_at     timestamptz   not null,
    ends_at       timestamptz,
    recorded_at   timestamptz   not null default now(),
    constraint alert_history_state_check check (state in ('FIRING', 'RESOLVED', 'PENDING'))
);

-- /history lists newest first, overall or for one alert / cluster.
create index alert_history_recorded_at on alert_history (recorded_at desc, id desc);
create index alert_history_fingerprint on alert_history (fingerprint, recorded_at desc);
create index alert_history_cluster on alert_history (cluster_id, recorded_at desc) where cluster_id is not null;
