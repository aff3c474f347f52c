-- Performance appraisal (实绩考核): versioned indicator schemes, the cadres
-- each scheme ranks with their peer group, signed-off evidence records and
-- the published results. Everything grows with the population and is keyed
-- by jurisdiction (docs/scaleout.md). Points and values are BIGINT
-- hundredths (appraisal.Points, appraisal.Value).

-- A scheme is never edited once saved: a change is a new version, and a
-- published result names the version it used. body is the JSON of
-- appraisal.Scheme; the columns beside it serve listings and scope checks.
CREATE TABLE appraisal_schemes (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    version         INTEGER NOT NULL,
    org_id          TEXT NOT NULL,
    org_path        TEXT {{bytewise}} NOT NULL,
    name            TEXT NOT NULL,
    target_group    TEXT NOT NULL,
    period_from     TEXT NOT NULL,
    period_to       TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id, version),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

-- A scheme is looked up by its id alone (links, the API) before its
-- jurisdiction is known, as people and organisations are.
CREATE INDEX appraisal_schemes_by_id ON appraisal_schemes (id, version);

-- A member is a cadre a scheme ranks, in the peer group compared with them.
-- The scheme has no foreign key here because its key includes the version.
CREATE TABLE appraisal_members (
    jurisdiction_id TEXT NOT NULL,
    scheme_id       TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    peer_group      TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, scheme_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX appraisal_members_by_group ON appraisal_members (jurisdiction_id, scheme_id, peer_group, person_id);

-- An evidence record is entered once and signed off once by another user;
-- it is never edited, so a published result can be explained from the
-- records signed before it (signed_at ≤ the result's published_at).
CREATE TABLE appraisal_evidence (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    class           TEXT NOT NULL DEFAULT '',
    on_date         TEXT NOT NULL,
    amount          BIGINT NOT NULL DEFAULT 0,
    in_place        BIGINT NOT NULL DEFAULT 0,
    progress        BIGINT NOT NULL DEFAULT 0,
    completed       BOOLEAN NOT NULL DEFAULT FALSE,
    score           BIGINT NOT NULL DEFAULT 0,
    document_no     TEXT NOT NULL DEFAULT '',
    attachment      TEXT NOT NULL DEFAULT '',
    entered_by      TEXT NOT NULL,
    reviewer        TEXT NOT NULL DEFAULT '',
    reviewer_id     TEXT NOT NULL DEFAULT '',
    signed_on       TEXT NOT NULL DEFAULT '',
    signed_at       BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX appraisal_evidence_by_person ON appraisal_evidence (jurisdiction_id, person_id, on_date);

CREATE INDEX appraisal_evidence_by_id ON appraisal_evidence (id);

-- A result is one cadre's published score: replaced as a whole, in one
-- transaction, when the scheme is recomputed. position is the place in the
-- group's rank order (ties in the deterministic tie order) that pages read
-- by; parts is the JSON array of the points of each line, in the scheme's
-- order, adding up to total.
CREATE TABLE appraisal_results (
    jurisdiction_id TEXT NOT NULL,
    scheme_id       TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    scheme_version  INTEGER NOT NULL,
    peer_group      TEXT NOT NULL,
    position        INTEGER NOT NULL,
    rnk             INTEGER NOT NULL,
    total           BIGINT NOT NULL,
    parts           TEXT NOT NULL,
    vetoes          TEXT NOT NULL DEFAULT '',
    grade_cap       TEXT NOT NULL DEFAULT '',
    published_at    BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, scheme_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX appraisal_results_by_position ON appraisal_results (jurisdiction_id, scheme_id, peer_group, position);
