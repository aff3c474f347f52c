-- Leaders stepping down (能下): one row per case, a leader leaving a post
-- for a reason (到龄, 任期届满, 问责, 不适宜担任现职) by a route (调整,
-- 改任职级, 免职, 降职), on a decision recorded like a selection's steps.
-- The case is the record; the person's dossier (cadre_posts) is changed in
-- the same transaction. Keyed by jurisdiction (docs/scaleout.md); the
-- person's organisation path is not copied: listings join people on the
-- jurisdiction key, so a person moved takes their cases along.

CREATE TABLE stepdowns (
    jurisdiction_id    TEXT NOT NULL,
    id                 TEXT NOT NULL,
    person_id          TEXT NOT NULL,
    -- post is the title of the post left; new_post the post or rank moved
    -- to, empty for a removal.
    post               TEXT NOT NULL,
    reason             TEXT NOT NULL,
    route              TEXT NOT NULL,
    new_post           TEXT NOT NULL DEFAULT '',
    -- The decision: its date, the deciding organ's ID, its document
    -- number and the login of who recorded it (selection.Record).
    decided_on         TEXT NOT NULL,
    organ_id           TEXT NOT NULL,
    reference          TEXT NOT NULL DEFAULT '',
    recorded_by        TEXT NOT NULL,
    -- reason_date is the day the age limit was reached or the term ended.
    reason_date        TEXT NOT NULL DEFAULT '',
    basis              TEXT NOT NULL DEFAULT '',
    accountability_ref TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL,
    created_at         BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, organ_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX stepdowns_by_person ON stepdowns (jurisdiction_id, person_id);

-- A case is looked up by its id alone (links) before its jurisdiction is
-- known, as selections are.
CREATE INDEX stepdowns_by_id ON stepdowns (id);
