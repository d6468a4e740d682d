-- O2 IMS v2 (/o2ims-infrastructureInventory/v2) beside v1. Both versions share the subscription table
-- and the delivery relay; a subscription belongs to the API version it was created through, which
-- decides the shape of the notifications it receives.
alter table o2ims_subscription add column api_version smallint not null default 1;

-- v2 notifications carry the object's state before a change (priorObjectState). The registry derives
-- deployment managers and pools from clusters, so after an update or delete the earlier state is gone:
-- the last state each object was reported in is kept here, written in the transaction of the change.
create table o2ims_object_state (
    object_ref varchar(256) primary key,
    state      text         not null,
    updated_at timestamptz  not null default now()
);
