-- an alert that fires again is not analysed again within aiops.intelligence.analysis.rca.on-alert.repeat-after:
-- the check looks up the latest analysis of its fingerprint
create index rca_analysis_by_trigger on rca_analysis (trigger_kind, trigger_ref, created_at desc);
