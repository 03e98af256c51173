-- Evaluation state: which (model, image) pairs were counted, the confusion counts they add up to, and every
-- emitted Evaluation snapshot. The first two change in the same transaction, so a prediction counts exactly once.

CREATE TABLE evaluation.model (
    model_id            text        PRIMARY KEY,
    model_version       integer     NOT NULL,
    first_prediction_at timestamptz,
    last_prediction_at  timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- One row per (model, image) counted: the deduplication record, and the source of the sliding window on restart.
CREATE TABLE evaluation.counted_prediction (
    model_id        text        NOT NULL,
    image_id        text        NOT NULL,
    seq             bigint      GENERATED ALWAYS AS IDENTITY,
    true_label      smallint    NOT NULL CHECK (true_label BETWEEN 0 AND 9),
    predicted_label smallint    NOT NULL CHECK (predicted_label BETWEEN 0 AND 9),
    predicted_at    timestamptz,
    counted_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, image_id)
);

CREATE INDEX counted_prediction_recent ON evaluation.counted_prediction (model_id, seq DESC);

-- Cumulative confusion counts, [true][predicted] per model; absent cells are 0.
CREATE TABLE evaluation.confusion_count (
    model_id        text     NOT NULL REFERENCES evaluation.model (model_id),
    true_label      smallint NOT NULL CHECK (true_label BETWEEN 0 AND 9),
    predicted_label smallint NOT NULL CHECK (predicted_label BETWEEN 0 AND 9),
    images          bigint   NOT NULL CHECK (images >= 0),
    PRIMARY KEY (model_id, true_label, predicted_label)
);

-- Every emitted Evaluation, as published (the contract's JSON).
CREATE TABLE evaluation.snapshot (
    id          bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id    text             NOT NULL REFERENCES evaluation.model (model_id),
    images      bigint           NOT NULL,
    accuracy    double precision NOT NULL,
    macro_f1    double precision NOT NULL,
    emitted_at  timestamptz      NOT NULL,
    evaluation  jsonb            NOT NULL
);

CREATE INDEX snapshot_by_model ON evaluation.snapshot (model_id, id DESC);
