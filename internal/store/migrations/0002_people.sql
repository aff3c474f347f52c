-- The people registry: the master record (A01) of every person and the
-- facets a person may carry (party member, cadre, talent), with photo and the
-- LRMX extras. Every table here grows with the population, so each is
-- distributed by jurisdiction (docs/scaleout.md): jurisdiction_id leads the
-- primary key, which is (jurisdiction_id, id) for the master record and
-- (jurisdiction_id, person_id[, seq]) for what hangs off it, and every foreign
-- key carries jurisdiction_id in the same position. A person's jurisdiction
-- is that of the organisation they belong to. Lists inside a dossier keep
-- their order in seq (0, 1, …), assigned by the application.
--
-- The one exception is person_identities, the national register of ID
-- numbers: keyed by the ID number's keyed hash so that one number is
-- registered once in the whole country. On a distributed engine it is
-- distributed by id_number_hash; it has no foreign key (one between
-- differently distributed tables would have to carry both keys) and the
-- service writes it in the same transaction as the people row.

CREATE TABLE people (
    jurisdiction_id    TEXT NOT NULL,
    id                 TEXT NOT NULL,
    org_id             TEXT NOT NULL,
    -- org_path is the owning organisation's materialised path, copied when
    -- the person is saved so that subtree listings need no join. An
    -- organisation move within the jurisdiction changes the paths of its
    -- subtree: the move must rewrite org_path of the people under it in the
    -- same transaction (store.repathPeople does it with one range UPDATE).
    org_path           TEXT {{bytewise}} NOT NULL,
    name               TEXT {{bytewise}} NOT NULL,
    -- name_initials is the pinyin initials of name (person.Initials: 张三 → zs).
    name_initials      TEXT {{bytewise}} NOT NULL DEFAULT '',
    gender             TEXT NOT NULL DEFAULT '',
    birth_date         TEXT NOT NULL DEFAULT '',
    ethnicity          TEXT NOT NULL DEFAULT '',
    native_place_code  TEXT NOT NULL DEFAULT '',
    native_place_text  TEXT NOT NULL DEFAULT '',
    birthplace_code    TEXT NOT NULL DEFAULT '',
    birthplace_text    TEXT NOT NULL DEFAULT '',
    -- The ID number is sealed (vault, aad "people.id_number"). Beside it,
    -- keyed hashes serve look-ups: of the whole normalised number, and of its
    -- last four and last six characters for "last digits" searches.
    id_number_sealed   TEXT NOT NULL DEFAULT '',
    id_number_hash     TEXT NOT NULL DEFAULT '',
    id_tail_hash4      TEXT NOT NULL DEFAULT '',
    id_tail_hash6      TEXT NOT NULL DEFAULT '',
    health             TEXT NOT NULL DEFAULT '',
    political_status   TEXT NOT NULL DEFAULT '',
    party_join_date    TEXT NOT NULL DEFAULT '',
    work_start_date    TEXT NOT NULL DEFAULT '',
    fulltime_level     TEXT NOT NULL DEFAULT '',
    fulltime_degree    TEXT NOT NULL DEFAULT '',
    fulltime_school    TEXT NOT NULL DEFAULT '',
    fulltime_major     TEXT NOT NULL DEFAULT '',
    fulltime_text      TEXT NOT NULL DEFAULT '',
    inservice_level    TEXT NOT NULL DEFAULT '',
    inservice_degree   TEXT NOT NULL DEFAULT '',
    inservice_school   TEXT NOT NULL DEFAULT '',
    inservice_major    TEXT NOT NULL DEFAULT '',
    inservice_text     TEXT NOT NULL DEFAULT '',
    -- education_level is the higher of the two levels (the lower GB/T 4658
    -- code), for filtering.
    education_level    TEXT NOT NULL DEFAULT '',
    professional_title TEXT NOT NULL DEFAULT '',
    specialties        TEXT NOT NULL DEFAULT '',
    -- The phone number is sealed (aad "people.phone").
    phone_sealed       TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    is_party_member    BOOLEAN NOT NULL DEFAULT FALSE,
    is_cadre           BOOLEAN NOT NULL DEFAULT FALSE,
    is_talent          BOOLEAN NOT NULL DEFAULT FALSE,
    -- current_post and post_rank summarise the cadre facet for listings.
    current_post       TEXT NOT NULL DEFAULT '',
    post_rank          TEXT NOT NULL DEFAULT '',
    -- content_hash is a keyed hash of the whole dossier as saved, so that a
    -- re-import can tell an unchanged dossier without reading it back.
    content_hash       TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX people_by_id ON people (id);

CREATE INDEX people_by_path ON people (jurisdiction_id, org_path);

CREATE INDEX people_by_global_path ON people (org_path);

CREATE INDEX people_by_name ON people (name);

CREATE INDEX people_by_initials ON people (name_initials, name, id);

CREATE INDEX people_by_id_hash ON people (id_number_hash);

CREATE INDEX people_by_tail4 ON people (id_tail_hash4);

CREATE INDEX people_by_tail6 ON people (id_tail_hash6);

CREATE INDEX people_by_birth ON people (birth_date);

CREATE TABLE person_identities (
    id_number_hash  TEXT PRIMARY KEY,
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL
);

-- The party-member facet: one row per member, the pipeline and the transfer
-- history as ordered child rows. branch_id names an organisation but has no
-- foreign key: imported records may name a branch before it is in the tree.
CREATE TABLE party_members (
    jurisdiction_id      TEXT NOT NULL,
    person_id            TEXT NOT NULL,
    branch_id            TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL DEFAULT '',
    join_date            TEXT NOT NULL DEFAULT '',
    full_date            TEXT NOT NULL DEFAULT '',
    standing             TEXT NOT NULL DEFAULT '',
    party_post           TEXT NOT NULL DEFAULT '',
    lost_contact         BOOLEAN NOT NULL DEFAULT FALSE,
    lost_reason          TEXT NOT NULL DEFAULT '',
    lost_since           TEXT NOT NULL DEFAULT '',
    floating             BOOLEAN NOT NULL DEFAULT FALSE,
    floating_destination TEXT NOT NULL DEFAULT '',
    floating_since       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX party_members_by_branch ON party_members (jurisdiction_id, branch_id);

-- introducers is a JSON array of names (two for the probationary stage).
CREATE TABLE party_pipeline (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    stage           TEXT NOT NULL,
    reached_on      TEXT NOT NULL DEFAULT '',
    introducers     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE party_transfers (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    from_branch_id  TEXT NOT NULL DEFAULT '',
    to_branch_id    TEXT NOT NULL DEFAULT '',
    transferred_on  TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

-- The cadre facet: management category, 现任职务 as the form states it and
-- the proposal of the appointment form (A53); posts (A02), resume (A17),
-- rewards and punishments (A14), assessments (A15) and family (A36) are
-- ordered child rows.
CREATE TABLE cadres (
    jurisdiction_id   TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    management        TEXT NOT NULL DEFAULT '',
    current_post_text TEXT NOT NULL DEFAULT '',
    propose_appoint   TEXT NOT NULL DEFAULT '',
    propose_remove    TEXT NOT NULL DEFAULT '',
    propose_reason    TEXT NOT NULL DEFAULT '',
    reporting_unit    TEXT NOT NULL DEFAULT '',
    age_reckoned_on   TEXT NOT NULL DEFAULT '',
    filled_by         TEXT NOT NULL DEFAULT '',
    filled_on         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE cadre_posts (
    jurisdiction_id  TEXT NOT NULL,
    person_id        TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    unit_id          TEXT NOT NULL DEFAULT '',
    unit_name        TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    post_rank        TEXT NOT NULL DEFAULT '',
    is_leading       BOOLEAN NOT NULL DEFAULT FALSE,
    appointed_organ  TEXT NOT NULL DEFAULT '',
    appointed_on     TEXT NOT NULL DEFAULT '',
    appointed_doc    TEXT NOT NULL DEFAULT '',
    removed_organ    TEXT NOT NULL DEFAULT '',
    removed_on       TEXT NOT NULL DEFAULT '',
    removed_doc      TEXT NOT NULL DEFAULT '',
    probation_months INTEGER NOT NULL DEFAULT 0,
    is_current       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE resume_lines (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    from_date       TEXT NOT NULL DEFAULT '',
    to_date         TEXT NOT NULL DEFAULT '',
    line_text       TEXT NOT NULL DEFAULT '',
    full_time       BOOLEAN NOT NULL DEFAULT FALSE,
    in_service      BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE rewards (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    decided_on      TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT '',
    name            TEXT NOT NULL DEFAULT '',
    organ           TEXT NOT NULL DEFAULT '',
    document_no     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE assessments (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    year            INTEGER NOT NULL,
    grade           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE relatives (
    jurisdiction_id  TEXT NOT NULL,
    person_id        TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    relation         TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL DEFAULT '',
    birth_date       TEXT NOT NULL DEFAULT '',
    political_status TEXT NOT NULL DEFAULT '',
    work_and_post    TEXT NOT NULL DEFAULT '',
    deceased         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

-- The talent facet. Titles are display text and kept as a JSON array of
-- strings in the talents row; skills are rows of their own (talent_skills)
-- because the talent pool is searched by skill and level.
CREATE TABLE talents (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    category        TEXT NOT NULL DEFAULT '',
    titles          TEXT NOT NULL DEFAULT '[]',
    specialties     TEXT NOT NULL DEFAULT '',
    availability    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE TABLE talent_skills (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    name            TEXT NOT NULL,
    level           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (jurisdiction_id, person_id, seq),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

CREATE INDEX talent_skills_by_name ON talent_skills (name, level);

CREATE TABLE person_photos (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    photo           {{blob}} NOT NULL,
    PRIMARY KEY (jurisdiction_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
);

-- extras is person.Dossier.Extras: what an imported LRMX file carried that
-- the registry does not model, kept for a lossless export.
CREATE TABLE person_extras (
    jurisdiction_id TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    extras          TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, person_id),
    FOREIGN KEY (jurisdiction_id, person_id) REFERENCES people (jurisdiction_id, id)
)
