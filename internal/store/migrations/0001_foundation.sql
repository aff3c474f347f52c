-- The foundation: organisations and their history, accounts, sessions, grants,
-- API tokens and the audit chain. Tables that grow with the population carry
-- jurisdiction_id as the leading primary-key column (docs/scaleout.md);
-- accounts and grants are reference tables. Instants are BIGINT microseconds
-- since the Unix epoch (UTC); calendar dates are TEXT YYYY-MM-DD.

CREATE TABLE orgs (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    parent_id       TEXT NOT NULL DEFAULT '',
    party_parent_id TEXT NOT NULL DEFAULT '',
    path            TEXT {{bytewise}} NOT NULL,
    depth           INTEGER NOT NULL,
    name            TEXT NOT NULL,
    short_name      TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL,
    sector          TEXT NOT NULL DEFAULT '',
    division_code   TEXT NOT NULL DEFAULT '',
    founded_on      TEXT NOT NULL DEFAULT '',
    dissolved_on    TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id)
);

CREATE INDEX orgs_by_path ON orgs (jurisdiction_id, path);

CREATE INDEX orgs_by_parent ON orgs (jurisdiction_id, parent_id, name);

CREATE INDEX orgs_by_id ON orgs (id);

CREATE INDEX orgs_by_global_path ON orgs (path);

CREATE TABLE org_events (
    jurisdiction_id TEXT NOT NULL,
    id              TEXT NOT NULL,
    org_id          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    effective_on    TEXT NOT NULL,
    document_no     TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    detail          TEXT NOT NULL DEFAULT '{}',
    recorded_by     TEXT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    PRIMARY KEY (jurisdiction_id, id),
    FOREIGN KEY (jurisdiction_id, org_id) REFERENCES orgs (jurisdiction_id, id)
);

CREATE INDEX org_events_by_org ON org_events (jurisdiction_id, org_id, recorded_at);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    home_org_id          TEXT NOT NULL,
    jurisdiction_id      TEXT NOT NULL,
    phone_sealed         TEXT NOT NULL DEFAULT '',
    password_hash        TEXT NOT NULL,
    password_changed_at  BIGINT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    totp_secret_sealed   TEXT NOT NULL DEFAULT '',
    totp_enabled         BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step       BIGINT NOT NULL DEFAULT 0,
    status               TEXT NOT NULL,
    locale               TEXT NOT NULL DEFAULT 'zh-Hans',
    version              INTEGER NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);

CREATE INDEX users_by_jurisdiction ON users (jurisdiction_id, display_name);

CREATE TABLE grants (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    role         TEXT NOT NULL,
    scope_org_id TEXT NOT NULL,
    granted_by   TEXT NOT NULL,
    granted_at   BIGINT NOT NULL,
    UNIQUE (user_id, role, scope_org_id)
);

CREATE TABLE recovery_codes (
    user_id   TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    csrf_token   TEXT NOT NULL,
    mfa_passed   BOOLEAN NOT NULL DEFAULT FALSE,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    ended_at     BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
    login        TEXT NOT NULL,
    ip           TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0,
    last_at      BIGINT NOT NULL,
    PRIMARY KEY (login, ip)
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    revoked_at   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE audit_heads (
    jurisdiction_id TEXT PRIMARY KEY,
    seq             BIGINT NOT NULL,
    hash            TEXT NOT NULL
);

CREATE TABLE audit_events (
    jurisdiction_id TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    id              TEXT NOT NULL,
    at              BIGINT NOT NULL,
    actor_id        TEXT NOT NULL,
    actor_login     TEXT NOT NULL,
    ip              TEXT NOT NULL,
    action          TEXT NOT NULL,
    target_kind     TEXT NOT NULL,
    target_id       TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    detail          TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    PRIMARY KEY (jurisdiction_id, seq)
);

CREATE INDEX audit_events_by_time ON audit_events (at);

CREATE INDEX audit_events_by_actor ON audit_events (actor_id, at)
