package dev.fmnist.cli.client;

import dev.fmnist.cli.probe.PipelineService;

/**
 * Base URLs of the four services, e.g. {@code http://localhost:8081}.
 *
 * @param ingest     ingest-service
 * @param training   training-service
 * @param inference  inference-service
 * @param evaluation evaluation-service
 */
public record ServiceUrls(String ingest, String training, String inference, String evaluation) {

    public ServiceUrls {
        ingest = trim(ingest);
        training = trim(training);
        inference = trim(inference);
        evaluation = trim(evaluation);
    }

    /** @return the contract's addresses, {@code http://localhost:8081} .. {@code 8084} */
    public static ServiceUrls defaults() {
        return new ServiceUrls(PipelineService.INGEST.baseUrl(), PipelineService.TRAINING.baseUrl(),
                PipelineService.INFERENCE.baseUrl(), PipelineService.EVALUATION.baseUrl());
    }

    /** @return an ingest-service client */
    public IngestClient ingestClient() {
        return new IngestClient(ingest);
    }

    /** @return a training-service client */
    public TrainingClient trainingClient() {
        return new TrainingClient(training);
    }

    /** @return an inference-service client */
    public InferenceClient inferenceClient() {
        return new InferenceClient(inference);
    }

    /** @return an evaluation-service client */
    public EvaluationClient evaluationClient() {
        return new EvaluationClient(evaluation);
    }

    private static String trim(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
