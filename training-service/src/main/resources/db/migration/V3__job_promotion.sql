-- The promotion gate's decision for the model a job registered ({"status": ..., "reason": ...}), written in the
-- registration's transaction; null until the job has registered a model.
alter table training.job add column promotion jsonb;
