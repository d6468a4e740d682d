-- Intents (schema "intents"): what was asked, in words and in structured form, and where it is in its
-- life. payload holds the StructuredIntent as the API shows it (snake_case); the columns beside it are
-- the parts that lists filter and sort on.

create table intent (
    id            uuid          primary key,
    text          varchar(2000),
    intent_type   varchar(16)   not null,
    service_type  varchar(8),
    status        varchar(16)   not null,
    status_reason varchar(1024),
    payload       jsonb         not null,
    created_by    varchar(128),
    version       bigint        not null default 0,
    created_at    timestamptz   not null default now(),
    updated_at    timestamptz   not null default now(),
    constraint intent_type_check
        check (intent_type in ('DEPLOYMENT', 'SCALING', 'CONFIGURATION', 'OPTIMIZATION', 'HEALING')),
    constraint intent_service_type_check check (service_type in ('EMBB', 'URLLC', 'MMTC')),
    constraint intent_status_check
        check (status in ('ACKNOWLEDGED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEGRADED'))
);

create index intent_created_at on intent (created_at desc);
create index intent_status on intent (status);
