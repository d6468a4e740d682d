-- The health monitor's checks on the cluster, each with its outcome and message, shown as the CNF's conditions:
-- {"DeploymentReady": {"status": true, "message": "2/2 replicas ready"}, "PodsReady": {...}, "EndpointsReady": {...}}.
alter table cnf add column health_checks jsonb;
