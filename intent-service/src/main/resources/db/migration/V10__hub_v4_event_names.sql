-- TMF921 v4.0.1 has one IntentChangeEvent where v5 tells IntentAttributeValueChangeEvent from
-- IntentStatusChangeEvent. v4 subscriptions were stored, and their notifications written, with the v5 names;
-- from now on a v4 listener filters on and receives the v4 names (HubEvent), so rename what is already there.
update hub_subscription
   set event_types = array(
           select distinct case when t in ('IntentAttributeValueChangeEvent', 'IntentStatusChangeEvent')
                                then 'IntentChangeEvent' else t end
             from unnest(event_types) as t)
 where dialect = 'V4' and event_types is not null;

update hub_delivery d
   set event_type = 'IntentChangeEvent',
       body = jsonb_set(d.body, '{eventType}', '"IntentChangeEvent"')
  from hub_subscription s
 where s.id = d.subscription_id
   and s.dialect = 'V4'
   and d.event_type in ('IntentAttributeValueChangeEvent', 'IntentStatusChangeEvent');
