-- Drift and quality alerts (fmnist.alerts): every alert raised or cleared, as its contract JSON, newest last.
CREATE TABLE evaluation.alert (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          text        NOT NULL UNIQUE,
    type        text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('RAISED', 'CLEARED')),
    model_id    text        NOT NULL,
    raised_at   timestamptz NOT NULL,
    alert       jsonb       NOT NULL
);
CREATE INDEX alert_model ON evaluation.alert (model_id, seq);

-- The state of each (type, model) condition, shared by every replica: a replica raises (or clears) an alert only by a
-- conditional INSERT ... ON CONFLICT DO UPDATE ... WHERE (or UPDATE ... WHERE) that changes this row, so a condition
-- several replicas find at once is raised once.
CREATE TABLE evaluation.alert_state (
    type        text        NOT NULL,
    model_id    text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('RAISED', 'CLEARED')),
    alert_id    text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (type, model_id)
);

-- The training set's input profile each model's registry events carry (ModelEvent.reference), the reference of the
-- drift alerts; null for models registered before it existed.
ALTER TABLE evaluation.registered_model ADD COLUMN reference jsonb;
