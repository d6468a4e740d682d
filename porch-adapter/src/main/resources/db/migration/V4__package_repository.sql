-- Repositories registered through POST /api/v1/repositories (issue 8). The configured ones
-- (aiops.porch.repositories) are not rows: configuration stays their source of truth.

create table package_repository (
    name            varchar(63)   primary key,
    type            varchar(8)    not null,
    description     varchar(1024),
    deployment      boolean       not null default false,
    porch_url       varchar(2048),
    porch_namespace varchar(63),
    created_at      timestamptz   not null default now(),
    constraint package_repository_type_check check (type in ('GIT', 'PORCH')),
    constraint package_repository_porch_check check (type <> 'PORCH' or porch_url is not null)
);
