-- a service's own first migration, beside the platform's 0.x ones (PlatformMigrationsTests)
create table service_thing (id integer primary key);
