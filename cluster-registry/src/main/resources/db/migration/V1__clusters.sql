-- Clusters, their encrypted credentials, health history and discovered nodes (schema "clusters").

create table cluster (
    id                     uuid          primary key,
    name                   varchar(63)   not null,
    display_name           varchar(128),
    api_server_url         varchar(2048) not null,
    cluster_type           varchar(16)   not null,
    platform               varchar(16)   not null,
    platform_version       varchar(64),
    region                 varchar(64),
    environment            varchar(16)   not null,
    labels                 jsonb         not null default '{}'::jsonb,
    prometheus_url         varchar(2048),
    tempo_url              varchar(2048),
    loki_url               varchar(2048),
    alertmanager_url       varchar(2048),

    -- health (written by the health checker only)
    state                  varchar(16)   not null default 'UNKNOWN',
    health_score           integer       not null default 0,
    connectivity           varchar(16)   not null default 'DISCONNECTED',
    last_error             varchar(1024),
    api_server_healthy     boolean,
    prometheus_healthy     boolean,
    tempo_healthy          boolean,
    loki_healthy           boolean,
    recent_api_results     integer       not null default 0,
    recent_api_count       integer       not null default 0,
    last_checked_at        timestamptz,
    last_seen_at           timestamptz,
    next_check_at          timestamptz   not null default now(),
    check_owner            varchar(160),
    check_lease_until      timestamptz,

    -- capabilities (written by discovery only)
    has_gpu_nodes          boolean       not null default false,
    gpu_count              integer       not null default 0,
    gpu_types              jsonb         not null default '[]'::jsonb,
    has_prometheus         boolean       not null default false,
    has_thanos             boolean       not null default false,
    has_tempo              boolean       not null default false,
    has_loki               boolean       not null default false,
    has_service_mesh       boolean       not null default false,
    has_cnf_workloads      boolean       not null default false,
    cnf_types              jsonb         not null default '[]'::jsonb,
    discovered_at          timestamptz,
    discovery_error        varchar(1024),
    next_discovery_at      timestamptz   not null default now(),
    discovery_owner        varchar(160),
    discovery_lease_until  timestamptz,

    -- credentials summary (written by the credentials service only; the secrets live elsewhere)
    has_credentials        boolean       not null default false,
    credentials_expires_at timestamptz,

    version                bigint        not null default 0,
    created_at             timestamptz   not null default now(),
    updated_at             timestamptz   not null default now(),

    constraint cluster_name_unique unique (name),
    constraint cluster_health_score_range check (health_score between 0 and 100)
);

-- List filters. Equality filters get plain b-trees; booleans partial indexes; labels a GIN index
-- serving "labels @> {k: v}" containment.
create index cluster_type_idx on cluster (cluster_type);
create index cluster_environment_idx on cluster (environment);
create index cluster_region_idx on cluster (region);
create index cluster_state_idx on cluster (state);
create index cluster_has_gpu_idx on cluster (id) where has_gpu_nodes;
create index cluster_has_cnf_idx on cluster (id) where has_cnf_workloads;
create index cluster_labels_idx on cluster using gin (labels jsonb_path_ops);
create index cluster_created_idx on cluster (created_at, id);
-- Schedulers look for due work in time order.
create index cluster_next_check_idx on cluster (next_check_at);
create index cluster_next_discovery_idx on cluster (next_discovery_at);

-- Partial name search ("name contains"): a trigram index when the pg_trgm extension can be had
-- (trusted since PostgreSQL 13); without it the filter still works, by scanning.
do $$
declare
    ext_schema text;
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        raise notice 'pg_trgm unavailable (%), name search will scan', sqlerrm;
    end;
    select n.nspname into ext_schema
      from pg_extension e join pg_namespace n on n.oid = e.extnamespace
     where e.extname = 'pg_trgm';
    if ext_schema is not null then
        execute format('create index cluster_name_trgm_idx on cluster using gin (name %I.gin_trgm_ops)', ext_schema);
    end if;
end
$$;

create table cluster_credentials (
    cluster_id       uuid         primary key references cluster (id) on delete cascade,
    auth_type        varchar(16)  not null,
    key_id           varchar(64)  not null,
    nonce            bytea        not null,
    ciphertext       bytea        not null,
    expires_at       timestamptz,
    expiry_warned_at timestamptz,
    validated_at     timestamptz,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now()
);

create index cluster_credentials_key_idx on cluster_credentials (key_id);
create index cluster_credentials_expiry_idx on cluster_credentials (expires_at) where expiry_warned_at is null;

create table health_check (
    id                 bigserial    primary key,
    cluster_id         uuid         not null references cluster (id) on delete cascade,
    checked_at         timestamptz  not null,
    state              varchar(16)  not null,
    health_score       integer      not null,
    api_server_healthy boolean,
    prometheus_healthy boolean,
    tempo_healthy      boolean,
    loki_healthy       boolean,
    duration_ms        integer      not null,
    error              varchar(1024),
    checker            varchar(160)
);

create index health_check_cluster_idx on health_check (cluster_id, checked_at desc);
create index health_check_age_idx on health_check (checked_at);

create table cluster_node (
    cluster_id      uuid          not null references cluster (id) on delete cascade,
    name            varchar(253)  not null,
    id              uuid          not null,
    uid             varchar(64),
    roles           jsonb         not null default '[]'::jsonb,
    labels          jsonb         not null default '{}'::jsonb,
    capacity        jsonb         not null default '{}'::jsonb,
    gpu_count       integer       not null default 0,
    gpu_product     varchar(128),
    kubelet_version varchar(64),
    os_image        varchar(256),
    architecture    varchar(32),
    ready           boolean       not null default false,
    discovered_at   timestamptz   not null,
    primary key (cluster_id, name),
    constraint cluster_node_id_unique unique (id)
);
