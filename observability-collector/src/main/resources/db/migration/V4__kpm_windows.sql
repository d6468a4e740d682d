-- E2 KPM aggregation (schema "observability"). Reports of every replica land in kpm_sample, so a window
-- is never split between replicas; the closer (one at a time, advisory lock) turns each window whose 30 s
-- have passed into one kpm_window row and deletes its samples. The window row's primary key makes the
-- close, and the KPM_REPORT it emits, happen once.
create table kpm_sample (
    id             bigint generated always as identity primary key,
    node_id        varchar(256)     not null,
    cell_id        varchar(256)     not null,
    window_start   timestamptz      not null,
    reported_at    timestamptz      not null,
    latency_ms     double precision,
    prb_utilization double precision,
    ue_count       double precision,
    counters       jsonb            not null default '{}'::jsonb
);
create index kpm_sample_window on kpm_sample (window_start, node_id, cell_id);

create table kpm_window (
    node_id         varchar(256)     not null,
    cell_id         varchar(256)     not null,
    window_start    timestamptz      not null,
    window_end      timestamptz      not null,
    samples         integer          not null,
    p95_latency_ms  double precision,
    prb_utilization double precision,
    ue_count        integer,
    counters        jsonb            not null default '{}'::jsonb,
    emitted         boolean          not null,
    closed_at       timestamptz      not null default now(),
    primary key (node_id, cell_id, window_start)
);
create index kpm_window_end on kpm_window (window_end desc);
