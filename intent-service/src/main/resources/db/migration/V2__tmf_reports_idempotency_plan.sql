-- TMF921 view of intents: a name and description of their own, when the status last changed, the key a
-- client sent to make creation idempotent (unique per caller), and the plan the planner recorded.
alter table intent add column name varchar(255);
alter table intent add column description varchar(2000);
alter table intent add column idempotency_key varchar(255);
alter table intent add column status_changed_at timestamptz not null default now();
alter table intent add column plan jsonb;

create unique index intent_idempotency_key on intent (created_by, idempotency_key)
    where idempotency_key is not null;

-- One TMF921 IntentReport per stage the intent went through (parsed, planned, packages published, CNFs
-- active, failed, cancelled); expression holds the report's JSON-LD expression value.
create table intent_report (
    id          uuid          primary key,
    intent_id   uuid          not null references intent (id) on delete cascade,
    stage       varchar(32)   not null,
    description varchar(2000),
    expression  jsonb         not null,
    created_at  timestamptz   not null default now()
);

create index intent_report_intent on intent_report (intent_id, created_at);
