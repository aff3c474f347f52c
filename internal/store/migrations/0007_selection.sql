-- Selection and appointment (选拔任用): one row per selection for a post,
-- one row per step recorded (动议 … 试用期满考核) with the step's payload as
-- JSON, and the objections received during the 任前公示. Everything grows
-- with the population and is keyed by jurisdiction (docs/scaleout.md). The
-- unit's organisation path is not copied: listings join orgs on the
-- jurisdiction key, so a moved unit takes its selections with it.

CREATE TABLE selections (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    org_id          TEXT NOT NULL,
    post            TEXT NOT NULL,
    -- stage is the stage of the last step recorded (selection.Stage),
    -- kept for listings by stage; the steps are the record.
    stage           TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX selections_by_org ON selections (jurisdiction_id, org_id);

CREATE INDEX selections_by_id ON selections (id);

-- One row per step. detail is the step's own fields as JSON (nominees,
-- subjects, ballots, appointees …); date, organ, recorded_by and reference
-- are the Record every step keeps, as columns for the timeline.
CREATE TABLE selection_steps (
    jurisdiction_id TEXT NOT NULL,
    selection_id    TEXT NOT NULL,
    stage           TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    held_on         TEXT NOT NULL,
    organ_id        TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    reference       TEXT NOT NULL,
    detail          TEXT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, selection_id, stage),
    FOREIGN KEY (jurisdiction_id, selection_id) REFERENCES selections (jurisdiction_id, id)
);

CREATE TABLE selection_objections (
    jurisdiction_id TEXT NOT NULL,
    selection_id    TEXT NOT NULL,
    id              TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    person_id       TEXT NOT NULL,
    text            TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    finding         TEXT NOT NULL DEFAULT '',
    upheld          BOOLEAN NOT NULL DEFAULT FALSE,
    resolved_on     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, selection_id, id),
    FOREIGN KEY (jurisdiction_id, selection_id) REFERENCES selections (jurisdiction_id, id)
);

-- The working-day calendar's years added or replaced by an administrator
-- when the State Council publishes a schedule. A national reference table:
-- the same for every jurisdiction. days is the schedule as a JSON array of
-- {"date","kind","name"}.
CREATE TABLE calendar_years (
    year        INTEGER NOT NULL,
    days        TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (year)
);
