-- The newest-first order of the event list (received_at desc, id desc) and its keyset cursor
-- ((received_at, id) < (?, ?)) are served by the primary key read backwards once the key leads with
-- received_at. The separate fcaps_event_received index then duplicates it: dropping it saves one index
-- insertion per accepted event on the ingestion path.
alter table fcaps_event drop constraint fcaps_event_pkey;
alter table fcaps_event add primary key (received_at, id);
drop index fcaps_event_received;
