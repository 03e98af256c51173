package dev.fmnist.cli.command;

import dev.fmnist.cli.CliRun;
import dev.fmnist.platform.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Help, argument handling, and what every service command says when its service is not running. */
class CommandsTest {

    /** A URL where nothing listens. */
    private static String nowhere() {
        return "http://localhost:" + FreePorts.pick(1)[0];
    }

    @Test
    void helpListsTheNewCommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.out())
                .containsPattern("demo\\s+Run the whole pipeline end to end")
                .containsPattern("publish\\s+Publish images to fmnist.images.input")
                .containsPattern("train\\s+Train a model")
                .containsPattern("search\\s+Search hyper-parameters")
                .containsPattern("models\\s+List the model registry")
                .containsPattern("promote\\s+Put a model version into production")
                .containsPattern("rollback\\s+Archive the production model")
                .containsPattern("eval\\s+Show the latest evaluation");
    }

    @Test
    void eachCommandDocumentsItsOptions() {
        assertThat(CliRun.of("demo", "--help").out())
                .contains("--retrain", "--data-dir", "--exit", "dataset-fashion-mnist", "Ctrl-C");
        assertThat(CliRun.of("publish", "--help").out())
                .contains("FILE|FOLDER", "--dataset", "--split", "--rate", "--limit", "label");
        assertThat(CliRun.of("train", "--help").out())
                .contains(
                        "--arch",
                        "--epochs",
                        "--batch-size",
                        "--learning-rate",
                        "--seed",
                        "--param",
                        "KEY=VALUE",
                        "hiddenLayers=[256,128]");
        assertThat(CliRun.of("search", "--help").out())
                .contains(
                        "--architecture",
                        "--grid",
                        "--folds",
                        "--trials",
                        "--metric",
                        "--no-wait",
                        "hiddenLayers=[128];[256,128]",
                        "Ctrl-C stops watching, not the search",
                        "show");
        assertThat(CliRun.of("search", "show", "--help").out()).contains("SEARCH-ID", "mean ± sd");
        assertThat(CliRun.of("models", "--help").out()).contains("--status", "PRODUCTION");
        assertThat(CliRun.of("promote", "--help").out()).contains("MODEL-ID", "--reason");
        assertThat(CliRun.of("eval", "--help").out()).contains("MODEL-ID", "production model");
    }

    @Test
    void trainWithoutArchitectureOrEpochsIsAUsageError() {
        CliRun run = CliRun.of("train", "--epochs", "3");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--arch=NAME'");
    }

    @Test
    void publishNeedsFilesOrADatasetAndSplitButNotBoth() {
        assertThat(CliRun.of("publish").status()).isEqualTo(2);
        CliRun both = CliRun.of("publish", "a.png", "--dataset", "fashion-mnist", "--split", "test");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun noSplit = CliRun.of("publish", "--dataset", "fashion-mnist");
        assertThat(noSplit.status()).isEqualTo(2);
        assertThat(noSplit.err()).contains("--split");
    }

    @Test
    void aServiceThatIsNotRunningIsNamedWithItsUrlAndHowToStartIt() {
        String training = nowhere();
        CliRun models = CliRun.of("models", "--training-url", training);

        assertThat(models.status()).isEqualTo(1);
        assertThat(models.err())
                .contains(
                        "training-service is not reachable",
                        "GET " + training + "/models",
                        "connection refused",
                        "./fmnist demo");

        String ingest = nowhere();
        CliRun replay = CliRun.of("publish", "--dataset", "fashion-mnist", "--split", "test", "--ingest-url", ingest);
        assertThat(replay.status()).isEqualTo(1);
        assertThat(replay.err())
                .contains("ingest-service is not reachable", "POST " + ingest + "/datasets/fashion-mnist/replay");

        assertThat(CliRun.of("rollback", "--training-url", training).err())
                .contains("POST " + training + "/models/rollback");
        assertThat(CliRun.of("promote", "m-1", "--training-url", training).err())
                .contains("POST " + training + "/models/m-1/promote");
        String evaluation = nowhere();
        assertThat(CliRun.of("eval", "m-1", "--evaluation-url", evaluation).err())
                .contains("evaluation-service is not reachable", "GET " + evaluation + "/api/evaluations/m-1");
    }

    @Test
    void demoWithoutTheDatasetSaysHowToInstallIt() {
        CliRun run = CliRun.of("demo", "--data-dir", "/nonexistent/fashion-mnist");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("/nonexistent/fashion-mnist", "apt-get install dataset-fashion-mnist");
    }

    @Test
    void publishRefusesAFileThatIsNotAnImageBeforeSendingAnything() throws Exception {
        java.nio.file.Path text = java.nio.file.Files.createTempFile("not-an-image", ".png");
        try {
            java.nio.file.Files.writeString(text, "hello");
            CliRun run =
                    CliRun.of("publish", text.toString(), "--bootstrap-servers", "localhost:" + FreePorts.pick(1)[0]);
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("skipped", "not a readable PNG/JPEG");
            assertThat(run.out()).contains("Published 0 images");
        } finally {
            java.nio.file.Files.delete(text);
        }
    }
}
