-- CNF health and day-2 changes.
-- observed_at / not_ready_since: when the health monitor last saw a change on the cluster, and since when an Active
-- CNF's Deployment has not been ready (it becomes Degraded only after a grace period, not on one blip).
-- change_seq / change_revision_name: a scale, update or heal is a new package revision; change_seq numbers
-- it (its workspace is change-{seq}, so a retried creation meets the first one) and is stamped on the
-- Deployment, which tells the monitor the cluster runs the new revision; change_revision_name is the draft
-- being created, edited, proposed and approved, step by step like provisioning.
alter table cnf add column observed_at timestamptz;
alter table cnf add column not_ready_since timestamptz;
alter table cnf add column change_seq integer not null default 0;
alter table cnf add column change_revision_name varchar(253);
alter table cnf add column restart_requested boolean not null default false;
-- the scaling or healing intent that asked for the change in progress, completed when the CNF is Active again
alter table cnf add column change_intent_id uuid references intent (id);

drop index cnf_due;
create index cnf_due on cnf (next_attempt_at)
    where state in ('PENDING', 'PROVISIONING', 'TERMINATING', 'SCALING', 'UPDATING', 'HEALING');
create index cnf_monitored on cnf (state)
    where state in ('CONFIGURING', 'ACTIVE', 'DEGRADED', 'SCALING', 'HEALING', 'UPDATING');
