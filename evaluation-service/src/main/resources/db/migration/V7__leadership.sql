-- Several replicas count into these tables; one of them emits. Each model's count of images is kept on its row, in the
-- counting transaction (the row is locked until commit, so the values order every replica's transactions of a model):
-- the emitter compares it with its in-memory book to tell cheaply which models another replica counted, and reads
-- only those again. Existing rows take the sum of their confusion counts.

ALTER TABLE evaluation.model ADD COLUMN images bigint NOT NULL DEFAULT 0 CHECK (images >= 0);

UPDATE evaluation.model m
SET images = c.total
FROM (SELECT model_id, sum(images) AS total FROM evaluation.confusion_count GROUP BY model_id) c
WHERE c.model_id = m.model_id;
