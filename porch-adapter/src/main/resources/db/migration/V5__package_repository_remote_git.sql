-- Registered git repositories may mirror a remote over HTTP(S) (issue 8). The credentials are never stored:
-- git_secret_ref names an entry of aiops.porch.remote-git.credentials (from a Kubernetes Secret in a deployment).

alter table package_repository
    add column git_url        varchar(2048),
    add column git_secret_ref varchar(253);
