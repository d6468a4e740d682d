-- Health history keeps every change, and otherwise one sample per cluster per sample interval.
alter table cluster add column last_history_at timestamptz;
