-- Anomalies found by on-demand and continuous detection, and root-cause analyses (schema "intelligence").
-- Owned by the analysis package; nothing else writes these tables.

create table anomaly (
    id                uuid             primary key,
    cluster_id        uuid             not null,
    metric_name       varchar(256)     not null,
    labels            jsonb            not null default '{}'::jsonb,
    -- cluster id + sorted labels of the series: what continuous detection deduplicates on
    series_key        varchar(2048)    not null,
    detection_type    varchar(16)      not null,
    severity          varchar(8)       not null,
    anomaly_type      varchar(24)      not null,
    confidence_score  double precision not null,
    expected_value    double precision,
    actual_value      double precision,
    deviation_percent double precision,
    explanation       text,
    detected_at       timestamptz      not null,
    related_alerts    jsonb            not null default '[]'::jsonb,
    -- ON_DEMAND (POST /api/v1/analysis/anomaly) or CONTINUOUS (the fleet queries)
    origin            varchar(16)      not null,
    created_at        timestamptz      not null,
    constraint anomaly_confidence check (confidence_score between 0 and 1)
);

create index anomaly_by_time on anomaly (detected_at desc);
create index anomaly_by_cluster on anomaly (cluster_id, detected_at desc);
create index anomaly_by_metric on anomaly (metric_name, detected_at desc);

create table rca_analysis (
    id           uuid          primary key,
    cluster_id   uuid,
    -- what the analysis started from: ALERT, ANOMALY or WINDOW
    trigger_kind varchar(16)   not null,
    trigger_ref  varchar(256),
    window_start timestamptz   not null,
    window_end   timestamptz   not null,
    -- the whole answer as returned by POST /api/v1/analysis/rca
    result       jsonb         not null,
    created_by   varchar(128),
    created_at   timestamptz   not null
);

create index rca_analysis_by_time on rca_analysis (created_at desc);
