-- Results are derived rows: Recompute writes them, in one transaction,
-- from the members of the scheme, and appraisal_members already holds the
-- foreign key to people. Checking it again for every result cost a lookup
-- of the person per row written (a trigger per row on PostgreSQL), which
-- at a million cadres was a large share of the recompute. The table is
-- rebuilt because SQLite cannot drop a constraint.
CREATE TABLE appraisal_results_next (
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
    PRIMARY KEY (jurisdiction_id, scheme_id, person_id)
);

INSERT INTO appraisal_results_next SELECT jurisdiction_id, scheme_id, person_id, scheme_version, peer_group, position, rnk,
    total, parts, vetoes, grade_cap, published_at FROM appraisal_results;

DROP TABLE appraisal_results;

ALTER TABLE appraisal_results_next RENAME TO appraisal_results;

CREATE INDEX appraisal_results_by_position ON appraisal_results (jurisdiction_id, scheme_id, peer_group, position);
