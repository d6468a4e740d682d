-- One outbox row may carry a whole batch of events of one type, for ingestion paths that accept thousands
-- of events per second (the VES listener): one row, one index entry per index and one relay update per
-- batch instead of per event. batch_event_ids holds the events' ids in order; envelope then holds their
-- envelopes in the same order, one per line (serialized JSON has no raw line breaks). Null for a row of
-- one event, which is every row written before this.
alter table outbox_event add column batch_event_ids uuid[];

-- A batch's envelopes are far above the 2 kB at which PostgreSQL compresses a value: stored out of line
-- uncompressed, they cost no compression CPU on the ingestion path (single envelopes stay inline as before).
alter table outbox_event alter column envelope set storage external;
