-- Hyper-parameter searches (a TrainingJob of kind "search", whose job row has the same id), their trials (one per
-- configuration) and folds (one fold job per trial and fold). The search's row is locked (select ... for update)
-- while a fold's end is recorded, so a trial ends, and the best trial is chosen, exactly once. Configurations and
-- effective jobs are json, not jsonb, to keep the order of the grid's names.
create table training.search (
    search_id    text primary key,
    status       text        not null,
    dataset      text        not null,
    folds        integer     not null,
    metric       text        not null,
    trials_total integer     not null,
    best_trial   integer,
    final_job_id text,
    model_id     text,
    message      text,
    submitted_at timestamptz not null default now(),
    finished_at  timestamptz
);
create index search_by_submission on training.search (submitted_at desc);

create table training.search_trial (
    search_id text    not null references training.search (search_id),
    trial     integer not null,
    config    json    not null,
    job       json    not null,
    -- null while a fold is open; COMPLETED (mean, sd set) or FAILED once every fold ended
    status    text,
    mean      double precision,
    sd        double precision,
    primary key (search_id, trial)
);

create table training.search_fold (
    job_id    text primary key,
    search_id text    not null,
    trial     integer not null,
    fold      integer not null,
    -- how the fold job ended, recorded once; null until then
    status    text,
    score     double precision,
    instance  text,
    message   text,
    ended_at  timestamptz,
    unique (search_id, trial, fold),
    foreign key (search_id, trial) references training.search_trial (search_id, trial)
);
