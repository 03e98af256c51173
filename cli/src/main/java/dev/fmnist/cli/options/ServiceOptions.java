package dev.fmnist.cli.options;

import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.launcher.OperatorKeys;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.platform.PlatformSettings;
import picocli.CommandLine.Option;

/**
 * {@code --ingest-url}, {@code --training-url}, {@code --inference-url}, {@code --evaluation-url}: where the services
 * are. Mutations send {@code $FMNIST_TOKEN}, else a token signed with the project's {@code .fmnist/keys/} pair
 * ({@link TokenSource#fromEnvironment}).
 */
public final class ServiceOptions {

    @Option(
            names = "--ingest-url",
            paramLabel = "URL",
            defaultValue = "${env:FMNIST_INGEST_URL:-http://localhost:8081}",
            description = "ingest-service (env FMNIST_INGEST_URL, default: ${DEFAULT-VALUE}).")
    String ingest;

    @Option(
            names = "--training-url",
            paramLabel = "URL",
            defaultValue = "${env:FMNIST_TRAINING_URL:-http://localhost:8082}",
            description = "training-service (env FMNIST_TRAINING_URL, default: ${DEFAULT-VALUE}).")
    String training;

    @Option(
            names = "--inference-url",
            paramLabel = "URL",
            defaultValue = "${env:FMNIST_INFERENCE_URL:-http://localhost:8083}",
            description = "inference-service (env FMNIST_INFERENCE_URL, default: ${DEFAULT-VALUE}).")
    String inference;

    @Option(
            names = "--evaluation-url",
            paramLabel = "URL",
            defaultValue = "${env:FMNIST_EVALUATION_URL:-http://localhost:8084}",
            description = "evaluation-service (env FMNIST_EVALUATION_URL, default: ${DEFAULT-VALUE}).")
    String evaluation;

    /** @return the four base URLs, with the operator token of this project */
    public ServiceUrls urls() {
        return new ServiceUrls(
                or(ingest, PipelineService.INGEST),
                or(training, PipelineService.TRAINING),
                or(inference, PipelineService.INFERENCE),
                or(evaluation, PipelineService.EVALUATION),
                TokenSource.fromEnvironment(
                        OperatorKeys.folderOf(ProjectDirectory.resolve().resolve(PlatformSettings.LOCAL_DIRECTORY))));
    }

    private static String or(String url, PipelineService service) {
        return url == null || url.isBlank() ? service.baseUrl() : url;
    }
}
