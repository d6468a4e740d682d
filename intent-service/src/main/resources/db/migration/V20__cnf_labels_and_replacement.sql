-- Labels rules select CNFs by (Kubernetes label selector semantics), set from the intent when a CNF is planned.
-- CNFs planned before this get the labels that can be derived from their own columns.
alter table cnf add column labels jsonb not null default '{}'::jsonb;
update cnf set labels = jsonb_strip_nulls(jsonb_build_object(
    'app', regexp_replace(lower(function), '[^a-z0-9]+', '-', 'g'),
    'site', site));

-- A CNF planned by a migration replaces another: once it is Active, the replaced one is terminated.
-- No foreign key: the replaced row's life (and any clean-up of Deleted rows) must not constrain the new one.
alter table cnf add column replaces_cnf_id uuid;
