-- The recompute sums each cadre's signed-off records by kind and class
-- (store.tallyQuery). This index holds every column that sum reads, in the
-- order it groups by, so the engine walks it once per cadre without
-- touching the table or sorting.
CREATE INDEX appraisal_evidence_tallies ON appraisal_evidence (jurisdiction_id, person_id, kind, class, on_date, signed_at,
    completed, amount, in_place, progress, score);
