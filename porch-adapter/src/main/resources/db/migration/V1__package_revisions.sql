-- Package revisions (schema "porch"), one row per Porch PackageRevision. id is the PackageRevision's
-- metadata.name, the handle every Porch call takes.

create table package_revision (
    id             varchar(253) primary key,
    package_name   varchar(253) not null,
    repository     varchar(63)  not null,
    workspace_name varchar(63)  not null,
    revision       integer      not null default 0,
    lifecycle      varchar(24)  not null,
    site           varchar(63),
    version        bigint       not null default 0,
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    constraint package_revision_lifecycle_check
        check (lifecycle in ('DRAFT', 'PROPOSED', 'PUBLISHED', 'DELETION_PROPOSED')),
    -- Porch: one workspace per package, and revision numbers (given on publish) never repeat
    constraint package_revision_workspace_unique unique (repository, package_name, workspace_name)
);

create unique index package_revision_published on package_revision (repository, package_name, revision)
    where revision > 0;
create index package_revision_site on package_revision (site) where site is not null;
