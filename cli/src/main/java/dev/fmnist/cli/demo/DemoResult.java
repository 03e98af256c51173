package dev.fmnist.cli.demo;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.api.ingest.ReplayState;

/**
 * What a demo run came to.
 *
 * @param datasetId  the dataset ingested (or found)
 * @param modelId    the production model evaluated
 * @param trained    whether this run trained it (false: an existing production model was reused)
 * @param jobId      the training job, or null when none ran
 * @param replay     the replay, finished
 * @param evaluation the model's evaluation once it counted every replayed image
 */
public record DemoResult(
        String datasetId, String modelId, boolean trained, String jobId, ReplayState replay, Evaluation evaluation) {}
