-- The study server's tables (PostgreSQL). Keep in step with ../sqlite/0001_study.sql: the
-- two differ only in types.

-- One row per invitation: the participant id and the SHA-256 of their token (the token
-- itself is shown once, by `invite`, and never stored).
CREATE TABLE participants (
    study TEXT NOT NULL,
    id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_at BIGINT NOT NULL,
    -- Server time (ms since the epoch) of the participant's latest upload.
    last_seen BIGINT,
    PRIMARY KEY (study, id)
);

-- Every acknowledged event, exactly as uploaded (`line`), `seq` 1, 2, … with no gaps.
-- The other columns are copies of fields of the line, for the dashboard's queries.
CREATE TABLE events (
    study TEXT NOT NULL,
    participant TEXT NOT NULL,
    seq BIGINT NOT NULL,
    line TEXT NOT NULL,
    event TEXT NOT NULL,
    task TEXT,
    active_ms BIGINT,
    at TEXT,
    reward DOUBLE PRECISION,
    solved BIGINT,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (study, participant, seq)
);

-- Submitted modules, by the participant who uploaded them.
CREATE TABLE modules (
    study TEXT NOT NULL,
    participant TEXT NOT NULL,
    digest TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (study, participant, digest)
);

-- One regrade per submission event: what the page claimed, and what the server found.
CREATE TABLE regrades (
    study TEXT NOT NULL,
    participant TEXT NOT NULL,
    seq BIGINT NOT NULL,
    task TEXT NOT NULL,
    module TEXT NOT NULL,
    claimed_reward DOUBLE PRECISION NOT NULL,
    -- pending, running, done or error.
    status TEXT NOT NULL,
    claimed_at BIGINT,
    reward DOUBLE PRECISION,
    solved BIGINT,
    accepted BIGINT,
    total BIGINT,
    -- Why the record is flagged (NULL when the regrade agrees), or the error.
    note TEXT,
    flagged BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (study, participant, seq)
);
CREATE INDEX regrades_by_status ON regrades (study, status);
