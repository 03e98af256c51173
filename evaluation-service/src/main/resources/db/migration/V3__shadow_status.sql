-- The contract's SHADOW status (a challenger scored beside production) is a status like the others.
ALTER TABLE evaluation.registered_model DROP CONSTRAINT registered_model_status_check;
ALTER TABLE evaluation.registered_model ADD CONSTRAINT registered_model_status_check
    CHECK (status IN ('REGISTERED', 'SHADOW', 'PRODUCTION', 'ARCHIVED'));
