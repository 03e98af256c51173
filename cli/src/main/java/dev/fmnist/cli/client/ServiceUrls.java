package dev.fmnist.cli.client;

import dev.fmnist.cli.auth.OperatorTokens;
import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.launcher.RunningServices;

/**
 * Base URLs of the four services, e.g. {@code http://localhost:8081}, and the operator token their clients send
 * with mutations.
 *
 * @param ingest     ingest-service
 * @param training   training-service
 * @param inference  inference-service
 * @param evaluation evaluation-service
 * @param operator   the bearer token of ingest's and training's mutating calls (none: they answer 401)
 */
public record ServiceUrls(String ingest, String training, String inference, String evaluation, TokenSource operator) {

    public ServiceUrls {
        ingest = trim(ingest);
        training = trim(training);
        inference = trim(inference);
        evaluation = trim(evaluation);
        operator = operator == null ? TokenSource.none() : operator;
    }

    /** The four addresses without a token (reads only). */
    public ServiceUrls(String ingest, String training, String inference, String evaluation) {
        this(ingest, training, inference, evaluation, TokenSource.none());
    }

    /**
     * @param running services started by the launcher
     * @return their addresses; mutations carry tokens signed with the run's operator key pair
     */
    public static ServiceUrls of(RunningServices running) {
        return new ServiceUrls(
                running.baseUrl(PipelineService.INGEST),
                running.baseUrl(PipelineService.TRAINING),
                running.baseUrl(PipelineService.INFERENCE),
                running.baseUrl(PipelineService.EVALUATION),
                TokenSource.signedBy(running.keys(), OperatorTokens.defaultUser()));
    }

    /** @return the same addresses, sending tokens from {@code tokens} */
    public ServiceUrls withOperator(TokenSource tokens) {
        return new ServiceUrls(ingest, training, inference, evaluation, tokens);
    }

    /** @return an ingest-service client */
    public IngestClient ingestClient() {
        return new IngestClient(ingest, operator);
    }

    /** @return a training-service client */
    public TrainingClient trainingClient() {
        return new TrainingClient(training, operator);
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
