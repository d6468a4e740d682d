-- CNF deployments: one per (intent, function, cluster), driven through the lifecycle state machine by
-- the CNF worker. step records how far provisioning got with porch-adapter, so a restart resumes there
-- instead of creating a package twice; attempts and next_attempt_at carry the backoff of transient errors.
create table cnf (
    id                    uuid          primary key,
    intent_id             uuid          not null references intent (id),
    name                  varchar(253)  not null,
    function              varchar(63)   not null,
    cluster_id            uuid          not null,
    cluster_name          varchar(63)   not null,
    site                  varchar(63),
    namespace             varchar(63)   not null,
    state                 varchar(16)   not null,
    step                  varchar(32),
    status_message        varchar(1024),
    replicas              integer       not null,
    ready_replicas        integer       not null default 0,
    resources             jsonb         not null,
    package_name          varchar(253)  not null,
    package_revision_name varchar(253),
    package_revision      integer,
    attempts              integer       not null default 0,
    next_attempt_at       timestamptz   not null default now(),
    last_error            varchar(1024),
    last_error_kind       varchar(16),
    version               bigint        not null default 0,
    created_at            timestamptz   not null default now(),
    updated_at            timestamptz   not null default now(),
    constraint cnf_once_per_intent_function_cluster unique (intent_id, function, cluster_id)
);

create index cnf_due on cnf (next_attempt_at) where state in ('PENDING', 'PROVISIONING', 'TERMINATING');
create index cnf_intent on cnf (intent_id);

create table cnf_state_history (
    id         bigserial     primary key,
    cnf_id     uuid          not null references cnf (id) on delete cascade,
    from_state varchar(16),
    to_state   varchar(16)   not null,
    reason     varchar(1024),
    at         timestamptz   not null default now()
);

create index cnf_state_history_cnf on cnf_state_history (cnf_id, id);
