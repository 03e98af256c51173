package dev.fmnist.cli.command;

import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.cli.console.ProgressBar;
import dev.fmnist.cli.demo.JobFollower;
import dev.fmnist.cli.options.KafkaOptions;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code fmnist train}: submits a training job and follows its progress until it ends. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        header = "Train a model: submit a job to training-service and follow its progress.",
        description = {
            "Submits a TrainingJob (POST /jobs) and draws a per-epoch progress bar from fmnist.training.progress "
                    + "until the job ends; then prints the registered model and whether the promotion gate put it into "
                    + "production (it must beat the production model's test accuracy by the gate's margin).",
            "",
            "Architectures: softmax, mlp, lenet5, cnn, pca-tree (GET /architectures lists them). Architecture and trainer parameters go with --param, e.g. "
                    + "--param hiddenLayers=[256,128] --param dropout=0.2 --param optimizer=sgd --param "
                    + "lrSchedule=cosine (see training-service/README.md).",
            "",
            "Example (the demo's recipe):  fmnist train --arch mlp --epochs 8 --param hiddenLayers=[256,128] "
                    + "--param validationFraction=0.05",
            "",
            "Exit status 0 when the job completed, 1 when it failed, was cancelled or was refused."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--arch",
            required = true,
            paramLabel = "NAME",
            description = "Architecture: softmax, mlp, lenet5, cnn or pca-tree.")
    String architecture;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "Passes over the training split.")
    int epochs;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            paramLabel = "NAME|ID",
            description = "Dataset to train on (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (service default: 128).")
    Integer batchSize;

    @Option(
            names = "--learning-rate",
            paramLabel = "LR",
            description = "Initial learning rate (service default: 0.001).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (service default: 42).")
    Long seed;

    @Option(
            names = "--model-name",
            paramLabel = "NAME",
            description = "Registry name; versions count per name (service default: fmnist-classifier).")
    String modelName;

    @Option(
            names = {"--param", "-p"},
            paramLabel = "KEY=VALUE",
            description = "An architecture or trainer parameter; values are JSON when they parse as JSON "
                    + "([256,128], 0.2, true), else text. Repeatable.")
    List<String> params;

    @Option(
            names = "--timeout",
            defaultValue = "PT2H",
            paramLabel = "DURATION",
            description = "Longest wait for the job, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ServiceOptions services;

    /** @return the job these options describe */
    TrainingJob job() {
        return new TrainingJob(
                "cli-" + UUID.randomUUID().toString().substring(0, 8),
                dataset,
                architecture,
                epochs,
                batchSize,
                learningRate,
                seed,
                modelName,
                JobParameters.parse(params),
                null);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingClient training = services.urls().trainingClient();
        TrainingJob job = job();
        out.println("Training job " + job.jobId() + ": " + architecture + " on " + dataset + ", " + epochs + " epoch"
                + (epochs == 1 ? "" : "s") + (job.params().isEmpty() ? "" : ", " + job.params()));
        out.flush();
        JobView finished = JobFollower.follow(
                training, kafka.bootstrapServers(), job, new ProgressBar(out, System.console() != null, "  "), timeout);
        if (finished.status() != JobStatus.COMPLETED) {
            spec.commandLine()
                    .getErr()
                    .println("Job " + job.jobId() + " ended " + finished.status()
                            + (finished.message() == null ? "" : ": " + finished.message()));
            return 1;
        }
        ModelVersion model =
                training.model(finished.modelId()).map(ModelEntry::model).orElse(null);
        out.println("Job completed: " + ModelReport.of(finished, model));
        out.flush();
        return 0;
    }
}
