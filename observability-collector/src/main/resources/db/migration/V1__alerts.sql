-- Alerts received from Alertmanager (schema "observability"). One row per Alertmanager fingerprint:
-- repeated notifications update it, so the table holds each alert's latest known state.

create table alert (
    id            uuid          primary key,
    fingerprint   varchar(64)   not null,
    cluster_id    uuid,
    cluster_name  varchar(128),
    alertname     varchar(256)  not null,
    severity      varchar(16)   not null,
    state         varchar(16)   not null,
    labels        jsonb         not null default '{}'::jsonb,
    annotations   jsonb         not null default '{}'::jsonb,
    starts_at     timestamptz   not null,
    ends_at       timestamptz,
    generator_url varchar(2048),
    version       bigint        not null default 0,
    created_at    timestamptz   not null default now(),
    updated_at    timestamptz   not null default now(),
    constraint alert_fingerprint_unique unique (fingerprint),
    constraint alert_severity_check check (severity in ('CRITICAL', 'WARNING', 'INFO')),
    constraint alert_state_check check (state in ('FIRING', 'RESOLVED', 'PENDING'))
);

-- The list view filters by state / severity / cluster and shows the newest first.
create index alert_state_severity on alert (state, severity);
create index alert_cluster on alert (cluster_id) where cluster_id is not null;
create index alert_starts_at on alert (starts_at desc);
