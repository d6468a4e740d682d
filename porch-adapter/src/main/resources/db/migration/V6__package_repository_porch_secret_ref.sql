-- A registered Porch API server is called with a bearer token (issue 8). The token is never stored:
-- porch_secret_ref names an entry of aiops.porch.porch-api.credentials (from a Kubernetes Secret in a
-- deployment) or 'in-cluster', the pod's own service account.

alter table package_repository
    add column porch_secret_ref varchar(253);
