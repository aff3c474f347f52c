-- Talent work (市场化人才配置): the forms and region a talent's profile
-- carries, the account a talent signs in with, the project market with its
-- applications and invitations, and what talents' work yields:
-- engagements, entities founded and services rendered. Every growing table
-- is keyed by jurisdiction (docs/scaleout.md). Engagements, applications
-- and services are scoped by the talent's current organisation (a join to
-- people); projects and entities by their own organisation (a join to
-- orgs), so an organisation move needs no rewrite here. Money is BIGINT
-- yuan.

-- person_id links a self-service account (a talent) to its registry person.
ALTER TABLE users ADD COLUMN person_id TEXT NOT NULL DEFAULT '';

-- forms is a JSON array of talent.Form; region a GB/T 2260 code.
ALTER TABLE talents ADD COLUMN forms TEXT NOT NULL DEFAULT '[]';

ALTER TABLE talents ADD COLUMN region TEXT NOT NULL DEFAULT '';

-- skills is a JSON array of {skill, min_level, weight}; categories and
-- forms JSON arrays of codes.
CREATE TABLE talent_projects (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    org_id          TEXT NOT NULL,
    owner_kind      TEXT NOT NULL,
    owner_id        TEXT NOT NULL DEFAULT '',
    owner_name      TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    skills          TEXT NOT NULL,
    categories      TEXT NOT NULL DEFAULT '[]',
    forms           TEXT NOT NULL,
    region          TEXT NOT NULL,
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    openings        INTEGER NOT NULL,
    deadline        TEXT NOT NULL,
    visibility      TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX talent_projects_by_deadline ON talent_projects (jurisdiction_id, deadline);

-- Records are looked up by id alone (links, the API) before their
-- jurisdiction is known, as people and organisations are.
CREATE INDEX talent_projects_by_id ON talent_projects (id);

CREATE TABLE talent_entities (
    jurisdiction_id    TEXT NOT NULL,
    id                 TEXT NOT NULL,
    org_id             TEXT NOT NULL,
    name               TEXT NOT NULL,
    entity_type        TEXT NOT NULL,
    credit_code        TEXT NOT NULL,
    registered_capital BIGINT NOT NULL DEFAULT 0,
    founded_on         TEXT NOT NULL,
    jobs               INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    UNIQUE (jurisdiction_id, credit_code),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX talent_entities_by_founded ON talent_entities (jurisdiction_id, founded_on);

CREATE INDEX talent_entities_by_id ON talent_entities (id);

CREATE TABLE talent_entity_founders (
    jurisdiction_id TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    person_id       TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, entity_id, seq),
    FOREIGN KEY (jurisdiction_id, entity_id) REFERENCES talent_entities (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX talent_entity_founders_by_person ON talent_entity_founders (jurisdiction_id, person_id);

-- An engagement names a project or an entity (the other is ''); capital
-- is the amount of its capital factor, kept beside the factors for sums.
CREATE TABLE talent_engagements (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    project_id      TEXT NOT NULL DEFAULT '',
    entity_id       TEXT NOT NULL DEFAULT '',
    form            TEXT NOT NULL,
    capital         BIGINT NOT NULL DEFAULT 0,
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    public_employee BOOLEAN NOT NULL DEFAULT FALSE,
    approval_unit   TEXT NOT NULL DEFAULT '',
    approver        TEXT NOT NULL DEFAULT '',
    approval_on     TEXT NOT NULL DEFAULT '',
    approval_doc    TEXT NOT NULL DEFAULT '',
    application_id  TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX talent_engagements_by_person ON talent_engagements (jurisdiction_id, person_id);

CREATE INDEX talent_engagements_by_start ON talent_engagements (jurisdiction_id, start_on);

CREATE INDEX talent_engagements_by_project ON talent_engagements (jurisdiction_id, project_id);

CREATE INDEX talent_engagements_by_id ON talent_engagements (id);

-- The factors an engagement brings, one row each, for the charts by factor.
CREATE TABLE talent_engagement_factors (
    jurisdiction_id TEXT NOT NULL,
    engagement_id   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    amount          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (jurisdiction_id, engagement_id, kind),
    FOREIGN KEY (jurisdiction_id, engagement_id) REFERENCES talent_engagements (jurisdiction_id, id)
);

-- A service a talent reported waits for staff to verify it (verified_by);
-- only verified services count.
CREATE TABLE talent_services (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    served_on       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    beneficiaries   INTEGER NOT NULL,
    evidence        TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    verified        BOOLEAN NOT NULL,
    reported_by     TEXT NOT NULL,
    verified_by     TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX talent_services_by_served ON talent_services (jurisdiction_id, served_on);

CREATE INDEX talent_services_by_person ON talent_services (jurisdiction_id, person_id);

CREATE INDEX talent_services_by_id ON talent_services (id);

-- factors is a JSON array of {kind, amount}.
CREATE TABLE talent_applications (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    form            TEXT NOT NULL,
    factors         TEXT NOT NULL,
    message         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    created_on      TEXT NOT NULL,
    decided_on      TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, project_id) REFERENCES talent_projects (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX talent_applications_by_project ON talent_applications (jurisdiction_id, project_id, status);

CREATE INDEX talent_applications_by_person ON talent_applications (jurisdiction_id, person_id);

CREATE INDEX talent_applications_by_id ON talent_applications (id);
