-- Each jurisdiction's thresholds of the promotion and adjustment lists
-- (appraisal.RecommendConfig): local settings, the defaults until the
-- department sets its own. levels is the JSON of the per-level rules.
CREATE TABLE appraisal_settings (
    jurisdiction_id TEXT NOT NULL,
    promote_percent INTEGER NOT NULL,
    adjust_percent  INTEGER NOT NULL,
    levels          TEXT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id)
);
