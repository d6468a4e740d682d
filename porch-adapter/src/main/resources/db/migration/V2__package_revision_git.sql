-- The git backend (issue 8): the row is an index over the package repository, which stays the source of
-- truth (see PackageIndexReconciler). What a row adds to git: who asked (intent, correlation) and the
-- upstream a clone came from.

alter table package_revision
    add column intent_id         varchar(64),
    add column correlation_id    varchar(128),
    add column upstream_package  varchar(253),
    add column upstream_revision integer;

create index package_revision_package on package_revision (repository, package_name, revision);
