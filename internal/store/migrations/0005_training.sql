-- Cadre development: training programmes, enrolments with per-session
-- attendance, self-reported training with its two-level approval, the
-- credits that count toward the quota, each jurisdiction's quota settings,
-- and secondments (挂职). Everything grows with the population and is keyed
-- by jurisdiction (docs/scaleout.md). Hours are BIGINT tenths of a class
-- hour (training.Hours).

CREATE TABLE training_programmes (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    org_id          TEXT NOT NULL,
    -- org_path is the organising organisation's path, for scope checks and
    -- subtree listings without a join; organisation moves rewrite it.
    org_path        TEXT {{bytewise}} NOT NULL,
    title           TEXT NOT NULL,
    mode            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    -- themes is a JSON array of theme codes.
    themes          TEXT NOT NULL DEFAULT '[]',
    organiser       TEXT NOT NULL DEFAULT '',
    place           TEXT NOT NULL DEFAULT '',
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    online_hours    BIGINT NOT NULL DEFAULT 0,
    capacity        INTEGER NOT NULL DEFAULT 0,
    target_level    TEXT NOT NULL DEFAULT '',
    target_org_id   TEXT NOT NULL DEFAULT '',
    counts          BOOLEAN NOT NULL DEFAULT TRUE,
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX training_programmes_by_path ON training_programmes (jurisdiction_id, org_path, start_on);

CREATE INDEX training_programmes_by_start ON training_programmes (jurisdiction_id, start_on);

CREATE TABLE training_sessions (
    jurisdiction_id TEXT NOT NULL,
    programme_id    TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    held_on         TEXT NOT NULL,
    topic           TEXT NOT NULL DEFAULT '',
    hours           BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, programme_id, seq),
    FOREIGN KEY (jurisdiction_id, programme_id) REFERENCES training_programmes (jurisdiction_id, id)
);

-- attendance holds one character per session in session order: P present,
-- L leave, A absent, - not recorded.
CREATE TABLE training_enrolments (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    programme_id    TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    status          TEXT NOT NULL,
    attendance      TEXT NOT NULL DEFAULT '',
    online_done     BIGINT NOT NULL DEFAULT 0,
    result          TEXT NOT NULL DEFAULT '',
    certificate     TEXT NOT NULL DEFAULT '',
    completed_on    TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    UNIQUE (jurisdiction_id, programme_id, person_id),
    FOREIGN KEY (jurisdiction_id, programme_id) REFERENCES training_programmes (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX training_enrolments_by_person ON training_enrolments (jurisdiction_id, person_id);

CREATE TABLE training_reports (
    jurisdiction_id  TEXT NOT NULL,
    id               TEXT NOT NULL,
    person_id        TEXT NOT NULL,
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    provider         TEXT NOT NULL DEFAULT '',
    start_on         TEXT NOT NULL,
    end_on           TEXT NOT NULL,
    hours            BIGINT NOT NULL,
    days             INTEGER NOT NULL DEFAULT 0,
    evidence         TEXT NOT NULL,
    counts           BOOLEAN NOT NULL DEFAULT FALSE,
    status           TEXT NOT NULL,
    unit_reviewer    TEXT NOT NULL DEFAULT '',
    unit_reviewer_id TEXT NOT NULL DEFAULT '',
    unit_reviewed_on TEXT NOT NULL DEFAULT '',
    dept_reviewer    TEXT NOT NULL DEFAULT '',
    dept_reviewed_on TEXT NOT NULL DEFAULT '',
    reject_reason    TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX training_reports_by_person ON training_reports (jurisdiction_id, person_id);

CREATE INDEX training_reports_by_status ON training_reports (jurisdiction_id, status);

-- A credit is written in the same transaction as the completion or the
-- department's approval that earns it, one per source record. The index
-- covers the compliance report's per-person, per-year aggregate.
CREATE TABLE training_credits (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    earned_on       TEXT NOT NULL,
    source          TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    hours           BIGINT NOT NULL,
    online          BIGINT NOT NULL DEFAULT 0,
    days            INTEGER NOT NULL DEFAULT 0,
    counts          BOOLEAN NOT NULL,
    mode            TEXT NOT NULL DEFAULT '',
    themes          TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (jurisdiction_id, id),
    UNIQUE (jurisdiction_id, source, source_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX training_credits_by_person ON training_credits (jurisdiction_id, person_id, earned_on);

-- training_tallies sums each person's counting credits per calendar year.
-- Every credit that counts adds to its row in the credit's own transaction
-- (credits are never changed or removed), so the compliance report reads
-- at most a handful of rows per cadre instead of every credit.
CREATE TABLE training_tallies (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    hours           BIGINT NOT NULL,
    online          BIGINT NOT NULL,
    days            INTEGER NOT NULL,
    PRIMARY KEY (jurisdiction_id, person_id, year),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX training_credits_by_day ON training_credits (jurisdiction_id, earned_on);

CREATE TABLE training_policies (
    jurisdiction_id TEXT NOT NULL,
    network_hours   BIGINT NOT NULL DEFAULT 0,
    reminder_days   INTEGER NOT NULL DEFAULT 60,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id)
);

CREATE TABLE secondments (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    home_org_id     TEXT NOT NULL,
    home_org_path   TEXT {{bytewise}} NOT NULL,
    home_unit       TEXT NOT NULL DEFAULT '',
    host_org_id     TEXT NOT NULL DEFAULT '',
    host_unit       TEXT NOT NULL,
    host_post       TEXT NOT NULL,
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    full_time       BOOLEAN NOT NULL,
    decision_doc    TEXT NOT NULL DEFAULT '',
    returned_on     TEXT NOT NULL DEFAULT '',
    return_reason   TEXT NOT NULL DEFAULT '',
    mid_on          TEXT NOT NULL DEFAULT '',
    mid_grade       TEXT NOT NULL DEFAULT '',
    mid_comment     TEXT NOT NULL DEFAULT '',
    final_on        TEXT NOT NULL DEFAULT '',
    final_grade     TEXT NOT NULL DEFAULT '',
    final_comment   TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, home_org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX secondments_by_person ON secondments (jurisdiction_id, person_id);

CREATE INDEX secondments_by_path ON secondments (jurisdiction_id, home_org_path, end_on);

-- A secondment is looked up by its id alone (links, the API) before its
-- jurisdiction is known, as people and organisations are.
CREATE INDEX secondments_by_id ON secondments (id);

CREATE TABLE secondment_extensions (
    jurisdiction_id TEXT NOT NULL,
    secondment_id   TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    from_on         TEXT NOT NULL,
    to_on           TEXT NOT NULL,
    reason          TEXT NOT NULL,
    decided_on      TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, secondment_id, seq),
    FOREIGN KEY (jurisdiction_id, secondment_id) REFERENCES secondments (jurisdiction_id, id)
)
