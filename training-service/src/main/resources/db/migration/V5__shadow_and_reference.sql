-- Issue 15. A model may now be in SHADOW (a challenger scored beside production); status is plain text without a
-- check constraint, so SHADOW needs no change of the column. Each model keeps the input profile of the training
-- split it was trained on (an InputProfile as JSON; null for models registered before this migration), and each
-- status change who asked for it (the principal of the operator's token; null when the service made it itself).
alter table training.model_version add column reference jsonb;
alter table training.model_status_history add column changed_by text;
