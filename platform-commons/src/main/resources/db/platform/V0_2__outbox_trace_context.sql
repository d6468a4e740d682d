-- W3C trace context (traceparent, tracestate) of the transaction that wrote the event, as a JSON object of
-- propagation fields, so the relay can hand it to consumers beside the envelope and one trace covers the
-- change and what its consumers did. Null for rows written outside any trace (and rows written before this).
alter table outbox_event add column trace_context text;
