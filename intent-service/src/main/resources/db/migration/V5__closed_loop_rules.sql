-- Closed-loop rules (package closedloop). A rule row holds the current version; every version, the first
-- included, is also kept in rule_history, so any decision can be traced to the exact rule text it used.
-- revision is a global counter bumped by every change (deletes too: a deleted rule stays as a tombstone),
-- so replicas find out that something changed with one cheap max(revision).
create sequence rule_revision;

create table rule (
    id                  uuid          primary key,
    name                varchar(128)  not null,
    source              varchar(8)    not null,
    condition           varchar(4096) not null,
    action              varchar(16)   not null,
    target              jsonb         not null,
    priority            integer       not null,
    cooldown_seconds    bigint        not null,
    min_replicas        integer,
    max_replicas        integer,
    consecutive_windows integer       not null,
    intent_template     varchar(2000),
    enabled             boolean       not null,
    deleted             boolean       not null default false,
    version             integer       not null,
    revision            bigint        not null,
    updated_by          varchar(128),
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now(),
    constraint rule_source_check check (source in ('FCAPS', 'KPM')),
    constraint rule_action_check check (action in ('SCALE_OUT', 'SCALE_IN', 'MIGRATE', 'HEAL')),
    constraint rule_replicas_check check (min_replicas is null or max_replicas is null or min_replicas < max_replicas)
);

create unique index rule_name_live on rule (name) where not deleted;
create index rule_revision_idx on rule (revision);

create table rule_history (
    rule_id    uuid          not null references rule (id),
    version    integer       not null,
    change     varchar(8)    not null,
    rule       jsonb         not null,
    changed_by varchar(128),
    changed_at timestamptz   not null default now(),
    primary key (rule_id, version)
);

-- One row per (event, rule) decided, plus rule-less rows for decisions about the event as a whole (stale
-- report, nothing matched). The unique key is the claim: a redelivered event, or two replicas racing on one
-- event, cannot decide (and act) twice for the same rule.
create table rule_decision (
    id           bigserial     primary key,
    event_id     uuid          not null,
    event_type   varchar(32)   not null,
    rule_id      uuid,
    rule_name    varchar(128),
    rule_version integer,
    outcome      varchar(24)   not null,
    reason       varchar(1024),
    target       varchar(256),
    intent_id    uuid,
    details      jsonb         not null default '{}',
    decided_at   timestamptz   not null default now(),
    constraint rule_decision_once unique (event_id, rule_id)
);

create index rule_decision_recent on rule_decision (decided_at desc, id desc);
create index rule_decision_rule on rule_decision (rule_id, decided_at desc);

-- Cooldown per target (CNF function and site, or the event source for targetless rules): no new action on
-- the target before until. Read and written under a row lock, so two replicas cannot both act.
create table rule_cooldown (
    target     varchar(256)  primary key,
    until      timestamptz   not null,
    rule_id    uuid          not null,
    event_id   uuid          not null,
    intent_id  uuid
);

-- KPM hysteresis: how many windows in a row a rule's condition has held for one cell.
create table rule_window_streak (
    rule_id      uuid          not null,
    rule_version integer       not null,
    node_id      varchar(128)  not null,
    cell_id      varchar(128)  not null,
    streak       integer       not null,
    last_window  timestamptz   not null,
    primary key (rule_id, node_id, cell_id)
);

-- FCAPS dedup: one action per (event source, condition, rule) within the dedup window, the condition being
-- the alarm (faultFields.alarmCondition, else the event name); severity remembers the worst severity acted
-- on, so a more severe event still gets through.
create table fcaps_dedup (
    dedup_key   varchar(512)  not null,
    rule_id     uuid          not null,
    until       timestamptz   not null,
    severity    integer       not null,
    event_id    uuid          not null,
    intent_id   uuid,
    primary key (dedup_key, rule_id)
);

-- FCAPS bursts: events per source in the current one-minute window, and the intent the burst is
-- correlated into.
create table fcaps_burst (
    source_name  varchar(256)  primary key,
    window_start timestamptz   not null,
    events       integer       not null,
    intent_id    uuid
);

-- The seeds' example rules, disabled: an operator enables them once the targets fit the fleet. The VES
-- alertValue is a string in the Common Event Format, hence double(...).
insert into rule (id, name, source, condition, action, target, priority, cooldown_seconds, min_replicas, max_replicas,
                  consecutive_windows, intent_template, enabled, version, revision, updated_by)
values
    ('6a1c1f0e-5d3b-4c39-9a35-1d0b6c1a0001', 'link-down-migration', 'FCAPS',
     'faultFields.alarmCondition == ''LINK_DOWN''', 'MIGRATE', '{"labels": {}}', 5, 300, null, null, 1,
     'Migrate workloads away from {commonEventHeader.sourceName}: {faultFields.alarmCondition}', false, 1,
     nextval('rule_revision'), 'seed'),
    ('6a1c1f0e-5d3b-4c39-9a35-1d0b6c1a0002', 'high-prb-scaling', 'FCAPS',
     'double(thresholdCrossingAlertFields.alertValue) > 0.9', 'SCALE_OUT', '{"function": "O-DU", "labels": {}}', 5, 180,
     1, 4, 1, 'Scale out O-DU: PRB alert {thresholdCrossingAlertFields.alertValue} from {commonEventHeader.sourceName}',
     false, 1, nextval('rule_revision'), 'seed'),
    ('6a1c1f0e-5d3b-4c39-9a35-1d0b6c1a0003', 'upf-prb-scaling', 'KPM',
     'kpm.prb_utilization > 0.85', 'SCALE_OUT', '{"function": "UPF", "labels": {}}', 10, 300, 2, 10, 3,
     'Scale out UPF: PRB utilization {kpm.prb_utilization} on {kpm.node_id}/{kpm.cell_id}', false, 1,
     nextval('rule_revision'), 'seed');

insert into rule_history (rule_id, version, change, rule, changed_by)
select id, 1, 'created',
       jsonb_build_object('name', name, 'source', lower(source), 'condition', condition, 'action', lower(action),
                          'target', target, 'priority', priority, 'cooldown', 'PT' || cooldown_seconds || 'S',
                          'min_replicas', min_replicas, 'max_replicas', max_replicas,
                          'consecutive_windows', consecutive_windows, 'intent_template', intent_template,
                          'enabled', enabled),
       'seed'
from rule;
