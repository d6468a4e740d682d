-- An alert is identified by (cluster_id, fingerprint), no longer by the fingerprint alone: Alertmanager's
-- fingerprint is a hash of the label set only, so two clusters whose Prometheus add no cluster label
-- (KubeNodeNotReady{node="worker-1"} on both) produce the same fingerprint for two different alerts.
-- Alerts whose cluster is unknown (no cluster_id label, no cluster on the webhook) share one null cluster.

alter table alert drop constraint alert_fingerprint_unique;

create unique index alert_cluster_fingerprint_unique
    on alert (coalesce(cluster_id, '00000000-0000-0000-0000-000000000000'::uuid), fingerprint);

-- GET /api/v1/alerts/{fingerprint} looks the fingerprint up across clusters
create index alert_fingerprint on alert (fingerprint);

-- the Alertmanager poll closes a cluster's firing alerts that Alertmanager no longer lists
create index alert_cluster_firing on alert (cluster_id) where state = 'FIRING';

-- where a transition was learnt: the webhook, or the poll of the cluster's Alertmanager API
alter table alert_history add column source varchar(16) not null default 'WEBHOOK';
alter table alert_history add constraint alert_history_source_check check (source in ('WEBHOOK', 'POLL'));

create index alert_cluster_name on alert (cluster_name) where cluster_name is not null;
