-- Variants (issue 8): which downstream package a variant set owns, per site. Ownership is what
-- adoption_policy and deletion_policy act on: a set re-applied finds its own packages, leaves (adoptNone)
-- or takes over (adoptExisting) packages it did not create, and on deletion deletes or orphans them.

create table package_variant (
    id               varchar(253) primary key,  -- {repository}.{downstream package}
    variant_set      varchar(63)  not null,
    repository       varchar(63)  not null,
    package_name     varchar(253) not null,
    site             varchar(63)  not null,
    upstream_package varchar(253) not null,
    adoption_policy  varchar(16)  not null,
    deletion_policy  varchar(16)  not null,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint package_variant_adoption_check check (adoption_policy in ('adoptExisting', 'adoptNone')),
    constraint package_variant_deletion_check check (deletion_policy in ('delete', 'orphan'))
);

create index package_variant_set on package_variant (variant_set);
