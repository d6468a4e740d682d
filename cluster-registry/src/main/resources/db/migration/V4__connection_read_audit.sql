-- Every request for a cluster's connection details (which carry its secrets): which service asked,
-- for which cluster, when, and whether it got them. Never the secret itself.
create table connection_read_audit (
    id         bigserial    primary key,
    service    varchar(128) not null,
    cluster_id uuid         not null,
    outcome    varchar(16)  not null,
    read_at    timestamptz  not null default now()
);

create index connection_read_audit_cluster on connection_read_audit (cluster_id, read_at);
