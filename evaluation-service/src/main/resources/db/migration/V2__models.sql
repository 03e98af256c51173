-- What the model registry says of each model, from fmnist.models: the newest event per model (by its timestamp).
-- Kept apart from evaluation.model, which holds what the predictions say (version, time span).

CREATE TABLE evaluation.registered_model (
    model_id          text             PRIMARY KEY,
    name              text,
    version           integer          NOT NULL,
    architecture      text,
    status            text             NOT NULL CHECK (status IN ('REGISTERED', 'PRODUCTION', 'ARCHIVED')),
    test_accuracy     double precision,
    status_changed_at timestamptz      NOT NULL,
    updated_at        timestamptz      NOT NULL DEFAULT now()
);
