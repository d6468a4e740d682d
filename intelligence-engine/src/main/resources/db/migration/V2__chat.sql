-- Chat sessions and their messages (schema "intelligence"). A session belongs to one user; expiry is
-- stored so listing and the expiry check need no arithmetic in SQL.

create table chat_session (
    id              uuid          primary key,
    user_id         varchar(128)  not null,
    title           varchar(200),
    persona_id      varchar(32)   not null,
    cluster_context jsonb         not null default '[]'::jsonb,
    message_count   integer       not null default 0,
    version         bigint        not null default 0,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    expires_at      timestamptz   not null,
    constraint chat_session_message_limit check (message_count between 0 and 100)
);

create index chat_session_by_user on chat_session (user_id, updated_at desc);

create table chat_message (
    id           uuid          primary key,
    session_id   uuid          not null references chat_session (id) on delete cascade,
    -- order within the session; unique so two concurrent turns cannot interleave silently
    position     integer       not null,
    role         varchar(16)   not null,
    content      text,
    persona_id   varchar(32),
    tool_calls   jsonb         not null default '[]'::jsonb,
    tool_results jsonb         not null default '[]'::jsonb,
    model        varchar(200),
    tokens_used  integer,
    latency_ms   bigint,
    created_at   timestamptz   not null,
    constraint chat_message_position unique (session_id, position)
);
