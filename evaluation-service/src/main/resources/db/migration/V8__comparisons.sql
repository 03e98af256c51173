-- Challengers (models in shadow) against the production model (issue 15): the first decided verdict (BETTER or WORSE)
-- of each (challenger, champion) pair, and how its auto-promotion ended. What makes the CHALLENGER_VERDICT alert and
-- the promote call happen once per pair, across restarts. The comparisons themselves are in each shadow model's
-- Evaluation (evaluation.snapshot); the pairing is a join of evaluation.counted_prediction on image_id.
CREATE TABLE evaluation.challenger_verdict (
    challenger_id text        NOT NULL,
    champion_id   text        NOT NULL,
    verdict       text        NOT NULL CHECK (verdict IN ('BETTER', 'WORSE')),
    decided_at    timestamptz NOT NULL DEFAULT now(),
    -- null while no auto-promotion ended; 'promoted', or 'refused: <status> <body>'
    promotion     text,
    promotion_at  timestamptz,
    PRIMARY KEY (challenger_id, champion_id)
);
