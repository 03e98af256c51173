-- Datasets announced on fmnist.datasets (DatasetReady), newest per name wins.
create table training.dataset (
    dataset_id   text primary key,
    name         text        not null,
    content_hash text,
    announcement jsonb       not null,
    received_at  timestamptz not null default now()
);
create index dataset_by_name on training.dataset (name, received_at desc);

-- Training jobs and their life cycle (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED).
create table training.job (
    job_id           text primary key,
    request          jsonb       not null,
    status           text        not null,
    owner            text        not null,
    dataset_id       text,
    architecture     text,
    cancel_requested boolean     not null default false,
    message          text,
    model_id         text,
    last_progress    jsonb,
    submitted_at     timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz not null default now()
);
create index job_by_status on training.job (status, owner);

-- Registered model versions with their metrics and model file.
create table training.model_version (
    model_id           text primary key,
    name               text             not null,
    version            integer          not null,
    architecture       text             not null,
    hyper_parameters   jsonb            not null,
    dataset_id         text             not null,
    dataset_hash       text,
    test_split_hash    text,
    job_id             text             not null,
    validation_metrics jsonb,
    test_metrics       jsonb,
    test_accuracy      double precision,
    parameter_count    bigint           not null,
    training_seconds   double precision not null,
    framework          text,
    backend            text,
    artifact           bytea            not null,
    artifact_sha256    text             not null,
    artifact_size      integer          not null,
    status             text             not null,
    created_at         timestamptz      not null default now(),
    updated_at         timestamptz      not null default now(),
    unique (name, version)
);
-- at most one model serves at a time
create unique index model_version_one_production on training.model_version ((true)) where status = 'PRODUCTION';

-- Every status change, in order.
create table training.model_status_history (
    id              bigserial primary key,
    model_id        text        not null references training.model_version (model_id),
    status          text        not null,
    previous_status text,
    reason          text,
    changed_at      timestamptz not null default now()
);
create index model_status_history_by_model on training.model_status_history (model_id, id);
