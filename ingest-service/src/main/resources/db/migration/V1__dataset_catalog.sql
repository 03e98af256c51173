-- The dataset catalog of the ingest-service (schema "ingest", created by Flyway).

-- One row per distinct content published under a name; id = name + '-' + first 12 hex of the content hash.
CREATE TABLE ingest.dataset (
    id           VARCHAR(100) PRIMARY KEY,
    name         VARCHAR(64)  NOT NULL,
    format       VARCHAR(8)   NOT NULL,                  -- idx, csv, png
    source       TEXT         NOT NULL,                  -- folder, file or URL it was read from
    content_hash CHAR(64)     NOT NULL,                  -- SHA-256 over the splits' content hashes
    status       VARCHAR(16)  NOT NULL,                  -- PUBLISHING, READY, FAILED, SUPERSEDED
    error        TEXT,                                   -- why the last publication failed
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    ready_at     TIMESTAMPTZ                             -- when DatasetReady was last announced
);
CREATE INDEX dataset_name_idx ON ingest.dataset (name, status);

-- The splits of a dataset, as published.
CREATE TABLE ingest.dataset_split (
    dataset_id   VARCHAR(100) NOT NULL REFERENCES ingest.dataset (id) ON DELETE CASCADE,
    split        VARCHAR(64)  NOT NULL,
    ordinal      INT          NOT NULL,                  -- publishing order
    topic        VARCHAR(249) NOT NULL,
    image_count  BIGINT       NOT NULL,
    rejected     BIGINT       NOT NULL,                  -- source rows refused (sent to fmnist.rejected)
    content_hash CHAR(64)     NOT NULL,
    class_counts BIGINT[]     NOT NULL,                  -- images per label 0..9
    PRIMARY KEY (dataset_id, split)
);

-- The files a dataset was read from, with their SHA-256 and the verification outcome.
CREATE TABLE ingest.source_file (
    dataset_id      VARCHAR(100) NOT NULL REFERENCES ingest.dataset (id) ON DELETE CASCADE,
    split           VARCHAR(64)  NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    sha256          CHAR(64)     NOT NULL,                -- of the decompressed content
    expected_sha256 CHAR(64),                             -- the sum it was checked against, if any
    verified        BOOLEAN      NOT NULL,
    PRIMARY KEY (dataset_id, split, file_name)
);
