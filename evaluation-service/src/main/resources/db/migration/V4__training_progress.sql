-- Training curves, from fmnist.training.progress: every accepted TrainingProgress record of every job, once.

-- One row per stored record, in consumption order (seq), which for one job (the record key) is publication order.
-- A redelivered record has the same fingerprint (SHA-256 of its contract JSON) and is not stored again; two reports
-- of the same epoch and batch differ (at least by their timestamp) and are both kept.
CREATE TABLE evaluation.training_progress (
    seq         bigserial   PRIMARY KEY,
    job_id      text        NOT NULL,
    fingerprint bytea       NOT NULL,
    status      text        NOT NULL,
    epoch       integer     NOT NULL,
    batch       integer,
    emitted_at  timestamptz NOT NULL,
    progress    text        NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, fingerprint)
);

CREATE INDEX training_progress_job ON evaluation.training_progress (job_id, seq);

-- One row per job: its last record's status and epoch, its stored records (points) and its model, for the list of
-- jobs without scanning their records. Updated in the transaction that stores a record.
CREATE TABLE evaluation.training_job (
    job_id       text        PRIMARY KEY,
    status       text        NOT NULL,
    epoch        integer     NOT NULL,
    total_epochs integer     NOT NULL,
    model_id     text,
    points       integer     NOT NULL,
    last_seq     bigint      NOT NULL,
    last_at      timestamptz NOT NULL
);

CREATE INDEX training_job_last ON evaluation.training_job (last_at DESC, job_id);
