create table widget (
    id   uuid primary key,
    name varchar(64) not null unique
);
