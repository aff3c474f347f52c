-- The recompute adds up each cadre's signed-off records (store.sumsQuery).
-- This index holds every column those sums read, in the order they are
-- grouped by, so the engine walks it once per cadre without touching the
-- table or sorting.
CREATE INDEX appraisal_evidence_tallies ON appraisal_evidence (jurisdiction_id, person_id, kind, class, on_date, signed_at,
    completed, amount, in_place, progress, score);
