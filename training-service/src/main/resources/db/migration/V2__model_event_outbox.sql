-- Transactional outbox of fmnist.models: every registry status change inserts its ModelEvent here in the same
-- transaction as the change; the relay (ModelEventRelay) publishes the rows in id order (key = model id) and deletes
-- each one only after Kafka acknowledged it. Writers take the advisory lock 'training.model_event_outbox' before
-- inserting, so ids are assigned in commit order.
create table training.model_event_outbox (
    id         bigserial primary key,
    model_id   text        not null,
    status     text        not null,
    payload    jsonb       not null,
    created_at timestamptz not null default now(),
    attempts   integer     not null default 0,
    last_error text
);

-- A job registers at most one model: a registration retried after an outage finds the first one instead of
-- registering the same model twice.
create unique index model_version_one_per_job on training.model_version (job_id);
